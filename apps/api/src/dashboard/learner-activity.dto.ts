import { ApiProperty } from '@nestjs/swagger';
import type { ActivityDay, ActivityReport, LearnerStats } from '@app/contracts';
import { PageOf } from '../common/pagination.dto.js';

export class LearnerStatsDto implements LearnerStats {
  @ApiProperty({ format: 'uuid' })
  userId!: string;

  @ApiProperty({ example: 'ada@example.org' })
  email!: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  displayName!: string;

  @ApiProperty()
  attempts!: number;

  @ApiProperty({ description: 'Finished attempts' })
  submittedAttempts!: number;

  @ApiProperty({ description: 'Complete attempts: finished, or (not an exam) every question has a verdict' })
  completedAttempts!: number;

  @ApiProperty({ description: 'Code submissions sent for grading' })
  submissions!: number;

  @ApiProperty({ type: Number, nullable: true, example: 0.8333 })
  meanScore!: number | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastActivityAt!: string | null;
}

export class LearnerStatsPageDto extends PageOf(LearnerStatsDto) {}

export class ActivityDayDto implements ActivityDay {
  @ApiProperty({ example: '2026-11-24', description: 'UTC day' })
  date!: string;

  @ApiProperty({ description: 'Code submissions sent for grading' })
  submissions!: number;

  @ApiProperty({ description: '"Run visible tests" requests' })
  runs!: number;

  @ApiProperty()
  attemptsStarted!: number;

  @ApiProperty()
  attemptsSubmitted!: number;

  @ApiProperty({ description: 'Distinct users who started or submitted an attempt or sent code' })
  activeLearners!: number;
}

export class ActivityReportDto implements ActivityReport {
  @ApiProperty({ example: '2026-10-26' })
  from!: string;

  @ApiProperty({ example: '2026-11-24' })
  to!: string;

  @ApiProperty({ type: [ActivityDayDto], description: 'Every day of the range, oldest first' })
  days!: ActivityDayDto[];
}
