import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsInt, IsOptional, Max, MaxLength, Min } from 'class-validator';
import type { ExamAccommodation, ExamAdmin } from '@app/contracts';
import { LearnerExamDto } from '../attempts/attempts.dto.js';

export const MAX_EXTRA_MINUTES = 1440;
export const MAX_EXTRA_ATTEMPTS = 100;

export class ReleaseDto {
  @ApiProperty({ description: 'true: learners see scores and feedback now; false: hide them again' })
  @IsBoolean({ message: 'released must be true or false' })
  released!: boolean;
}

export class AccommodationDto {
  @ApiProperty({ example: 'learner@example.org', description: "The learner's account email" })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiPropertyOptional({ default: 0, description: `Extra minutes on every attempt (0 to ${MAX_EXTRA_MINUTES})` })
  @IsOptional()
  @IsInt({ message: 'extraMinutes must be a whole number' })
  @Min(0, { message: 'extraMinutes must be at least 0' })
  @Max(MAX_EXTRA_MINUTES, { message: `extraMinutes must be at most ${MAX_EXTRA_MINUTES}` })
  extraMinutes?: number;

  @ApiPropertyOptional({ default: 0, description: `Extra attempts beyond the quiz's limit (0 to ${MAX_EXTRA_ATTEMPTS})` })
  @IsOptional()
  @IsInt({ message: 'extraAttempts must be a whole number' })
  @Min(0, { message: 'extraAttempts must be at least 0' })
  @Max(MAX_EXTRA_ATTEMPTS, { message: `extraAttempts must be at most ${MAX_EXTRA_ATTEMPTS}` })
  extraAttempts?: number;
}

class ExamAccommodationDto implements ExamAccommodation {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() extraMinutes!: number;
  @ApiProperty() extraAttempts!: number;
}

export class ExamAdminDto implements ExamAdmin {
  @ApiProperty({ example: 'closures/closures-check' }) quizId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: LearnerExamDto, nullable: true, description: 'null when the quiz is not an exam' }) exam!: ExamAdmin['exam'];
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) closesAt!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'null while scores are hidden' }) scoresReleasedAt!: string | null;
  @ApiProperty() attemptsInProgress!: number;
  @ApiProperty() attemptsSubmitted!: number;
  @ApiProperty({ type: [ExamAccommodationDto] }) accommodations!: ExamAccommodation[];
}
