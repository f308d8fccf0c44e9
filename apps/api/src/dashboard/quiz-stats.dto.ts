import { ApiProperty } from '@nestjs/swagger';
import type { QuizStats, ScoreBucket } from '@app/contracts';
import { PageOf } from '../common/pagination.dto.js';

export class ScoreBucketDto implements ScoreBucket {
  @ApiProperty({ example: '90-100%' })
  label!: string;

  @ApiProperty({ example: 0.9, description: 'Lowest score fraction of the bar (included)' })
  from!: number;

  @ApiProperty({ example: 1, description: 'Highest score fraction (excluded, except 1 in the last bar)' })
  to!: number;

  @ApiProperty({ example: 12 })
  count!: number;
}

export class QuizStatsDto implements QuizStats {
  @ApiProperty({ example: 'closures/make-counter' })
  quizId!: string;

  @ApiProperty({ example: 'Make a counter' })
  title!: string;

  @ApiProperty({ example: 'closures' })
  course!: string;

  @ApiProperty({ enum: ['quiz', 'exercise'] })
  kind!: 'quiz' | 'exercise';

  @ApiProperty()
  published!: boolean;

  @ApiProperty({ description: 'Attempts started (all versions)' })
  attempts!: number;

  @ApiProperty({ description: 'Finished attempts' })
  submittedAttempts!: number;

  @ApiProperty({ description: 'Complete attempts: finished, or (not an exam) every question has a verdict' })
  completedAttempts!: number;

  @ApiProperty({ description: 'Distinct users with an attempt' })
  learners!: number;

  @ApiProperty({ type: Number, nullable: true, example: 0.75, description: 'complete / started' })
  completionRate!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 0.8333, description: 'Mean of score / maxScore over the attempts that have a score (practice attempts are scored as they go, exams when finished)' })
  meanScore!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 1 })
  medianScore!: number | null;

  @ApiProperty({ type: [ScoreBucketDto], description: 'Ten bars, 0-10% to 90-100%' })
  scoreDistribution!: ScoreBucketDto[];
}

export class QuizStatsPageDto extends PageOf(QuizStatsDto) {}
