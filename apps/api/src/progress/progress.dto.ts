import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AttemptSummary, QuizProgress } from '@app/contracts';
import { PageOf } from '../common/pagination.dto.js';

export class AttemptSummaryDto implements AttemptSummary {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiPropertyOptional({ description: 'true: an exam whose scores are not released yet (score is null)' }) scoresHidden?: boolean;
  @ApiProperty({ example: 'closures/make-counter' }) quizId!: string;
  @ApiProperty() quizTitle!: string;
  @ApiProperty({ enum: ['quiz', 'exercise'] }) kind!: 'quiz' | 'exercise';
  @ApiProperty() version!: number;
  @ApiProperty({ enum: ['in_progress', 'submitted'] }) status!: 'in_progress' | 'submitted';
  @ApiProperty({ type: Number, nullable: true, description: 'Points: as they go for a practice attempt, once finished for an exam' }) score!: number | null;
  @ApiProperty({ type: Number, nullable: true }) maxScore!: number | null;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) submittedAt!: string | null;
}

export class AttemptSummaryPageDto extends PageOf(AttemptSummaryDto) {}

export class QuizProgressDto implements QuizProgress {
  @ApiProperty({ example: 'closures/make-counter' }) quizId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: ['quiz', 'exercise'] }) kind!: 'quiz' | 'exercise';
  @ApiProperty() course!: string;
  @ApiProperty({ type: String, nullable: true, description: "The course.yaml section (items come in the course's order)" }) section!: string | null;
  @ApiProperty({ type: [String], example: ['nonlocal', 'closure-state'] }) concepts!: string[];
  @ApiProperty({ type: Number, nullable: true, description: 'Best score (points) of the attempts that have one: practice attempts are scored as they go, exam attempts when finished' }) bestScore!: number | null;
  @ApiProperty({ description: 'An attempt is complete: finished, or (not an exam) every question has a verdict' }) completed!: boolean;
  @ApiProperty({ type: Number, nullable: true }) maxScore!: number | null;
  @ApiProperty() attemptsUsed!: number;
  @ApiProperty({ type: Number, nullable: true, description: "This learner's limit: the quiz's plus extra attempts granted (accommodations); null = unlimited" }) attemptLimit!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'null = unlimited' }) attemptsLeft!: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) inProgressAttemptId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastActivityAt!: string | null;
  @ApiProperty({ description: 'An exam whose scores are not released yet: bestScore is null' }) scoresHidden!: boolean;
}

export class QuizProgressPageDto extends PageOf(QuizProgressDto) {}
