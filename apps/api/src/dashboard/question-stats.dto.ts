import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ConceptStats, FailedTestCount, GradingFaultCount, MisconceptionCount, QuestionStats, VariantStats } from '@app/contracts';
import { PageOf } from '../common/pagination.dto.js';

export class FailedTestCountDto implements FailedTestCount {
  @ApiProperty({ example: 'test_counts_independently' })
  name!: string;

  @ApiProperty({ example: 7 })
  failures!: number;
}

export class GradingFaultCountDto implements GradingFaultCount {
  @ApiProperty({ example: 0, description: "Not graded through the grader's fault (an unsupported feature, an internal error)" })
  grader!: number;

  @ApiProperty({ example: 0, description: "Not graded through the exercise's fault (a broken test)" })
  author!: number;
}

export class MisconceptionCountDto implements MisconceptionCount {
  @ApiProperty({ example: 'shared-state' })
  name!: string;

  @ApiProperty({ example: 4, description: 'Learners with a graded submission showing it' })
  learners!: number;

  @ApiProperty({ example: 9, description: 'Failed test results naming it' })
  failures!: number;
}

export class VariantStatsDto implements VariantStats {
  @ApiProperty({ type: 'object', additionalProperties: true, example: { step: 3, start: 12 } }) values!: Record<string, string | number | boolean>;
  @ApiProperty() gradedAttempts!: number;
  @ApiProperty() passedAttempts!: number;
  @ApiProperty({ type: Number, nullable: true, example: 0.5 }) passRate!: number | null;
}

export class QuestionStatsDto implements QuestionStats {
  @ApiProperty({ example: 'counter' })
  key!: string;

  @ApiProperty({ example: 'code' })
  type!: string;

  @ApiProperty({ description: 'Position in the current version (0-based)' })
  position!: number;

  @ApiProperty({ description: 'The first 160 characters of the prompt' })
  prompt!: string;

  @ApiProperty({ type: [String], example: ['closures', 'nonlocal'] })
  concepts!: string[];

  @ApiProperty({ description: 'Answer rows stored' })
  answers!: number;

  @ApiProperty({ description: 'Attempts with a verdict on this question' })
  gradedAttempts!: number;

  @ApiProperty()
  passedAttempts!: number;

  @ApiProperty({ type: Number, nullable: true, example: 0.6667 })
  passRate!: number | null;

  @ApiProperty({ description: 'Graded code submissions' })
  submissions!: number;

  @ApiProperty({ type: Number, nullable: true, example: 1.5, description: 'Graded submissions up to and including the first pass, per learner who passed' })
  meanSubmissionsToPass!: number | null;

  @ApiProperty({ type: [FailedTestCountDto], description: 'Up to 5, most failures first' })
  mostFailedTests!: FailedTestCountDto[];

  @ApiProperty({ type: GradingFaultCountDto, description: "Test results not graded through no fault of the learner's, counted apart from failures" })
  gradingFaults!: GradingFaultCountDto;

  @ApiProperty({ type: [MisconceptionCountDto], description: "The named mistakes its graded submissions revealed, most learners first" })
  misconceptions!: MisconceptionCountDto[];

  @ApiPropertyOptional({ type: [VariantStatsDto], description: 'Questions with per-learner variants: the figures per variant' })
  variants?: VariantStats[];
}

export class QuestionStatsPageDto extends PageOf(QuestionStatsDto) {}

export class ConceptStatsDto implements ConceptStats {
  @ApiProperty({ example: 'nonlocal' })
  concept!: string;

  @ApiProperty({ description: 'Graded attempt answers of questions tagged with it' })
  answers!: number;

  @ApiProperty()
  failedAnswers!: number;

  @ApiProperty({ description: 'Test results tagged with it, in graded submissions' })
  tests!: number;

  @ApiProperty()
  failedTests!: number;

  @ApiProperty({ type: Number, nullable: true, example: 0.25, description: '(failedAnswers + failedTests) / (answers + tests)' })
  failureRate!: number | null;
}

export class ConceptStatsPageDto extends PageOf(ConceptStatsDto) {}
