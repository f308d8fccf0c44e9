import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsUUID } from 'class-validator';
import type { LearnerWorkAttempt, LearnerWorkSubmission, LearnerWorkTest } from '@app/contracts';
import { PageOf, PaginationQueryDto } from '../common/pagination.dto.js';

export class LearnerWorkSubmissionsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the runs and submissions of this attempt' })
  @IsOptional()
  @IsUUID('all', { message: 'attemptId must be the id (a UUID) of an attempt' })
  attemptId?: string;
}

export class LearnerWorkAttemptDto implements LearnerWorkAttempt {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'closures/make-counter' }) quizId!: string;
  @ApiProperty() quizTitle!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: ['in_progress', 'submitted'] }) status!: 'in_progress' | 'submitted';
  @ApiProperty({ type: Number, nullable: true }) score!: number | null;
  @ApiProperty({ type: Number, nullable: true }) maxScore!: number | null;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) submittedAt!: string | null;
  @ApiProperty({ description: 'Code runs and submissions in this attempt' }) submissions!: number;
}

export class LearnerWorkTestDto implements LearnerWorkTest {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['visible', 'hidden'] }) visibility!: 'visible' | 'hidden';
  @ApiProperty({ example: 'fail' }) status!: string;
  @ApiProperty({ description: 'What the learner read (a hidden test: its feedback only)' }) message!: string;
}

export class LearnerWorkSubmissionDto implements LearnerWorkSubmission {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) attemptId!: string | null;
  @ApiProperty() quizId!: string;
  @ApiProperty() questionKey!: string;
  @ApiProperty({ enum: ['run', 'submit'] }) kind!: 'run' | 'submit';
  @ApiProperty({ enum: ['pending', 'grading', 'graded', 'error'] }) status!: 'pending' | 'grading' | 'graded' | 'error';
  @ApiProperty({ type: Number, nullable: true }) points!: number | null;
  @ApiProperty({ type: Number, nullable: true }) maxPoints!: number | null;
  @ApiProperty() passed!: number;
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'The Python source as sent' }) source!: string;
  @ApiProperty({ type: [LearnerWorkTestDto] }) tests!: LearnerWorkTestDto[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class LearnerWorkAttemptPageDto extends PageOf(LearnerWorkAttemptDto) {}
export class LearnerWorkSubmissionPageDto extends PageOf(LearnerWorkSubmissionDto) {}
