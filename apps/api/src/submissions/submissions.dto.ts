import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsDefined, IsString, MaxLength, ValidateIf } from 'class-validator';
import type { LearnerSubmission, LearnerTestResult, SubmissionStatus, TestOutcome } from '@app/contracts';

/** 64 Ki characters: far above any exercise solution, small enough to keep grading cheap. */
export const MAX_SOURCE_LENGTH = 65_536;

export class SourceRequestDto {
  @ApiProperty({ description: 'Python source of the solution module', maxLength: MAX_SOURCE_LENGTH, example: 'def make_counter():\n    ...' })
  @IsString({ message: 'source must be a string' })
  @MaxLength(MAX_SOURCE_LENGTH, { message: `source must be at most ${MAX_SOURCE_LENGTH} characters long` })
  source!: string;
}

/** Far above a Parsons problem's lines and distractors (40 + 20); each line is checked against the question. */
export const MAX_SUBMITTED_LINES = 100;

/** A submission: code (`source`), or the lines of a Parsons problem graded by running its program (`lines`). */
export class SubmitRequestDto {
  @ApiPropertyOptional({ description: 'Python source of the solution module (code questions)', maxLength: MAX_SOURCE_LENGTH })
  @ValidateIf((body: SubmitRequestDto) => body.lines === undefined)
  @IsDefined({ message: 'source (code) or lines (a Parsons problem) is required' })
  @IsString({ message: 'source must be a string' })
  @MaxLength(MAX_SOURCE_LENGTH, { message: `source must be at most ${MAX_SOURCE_LENGTH} characters long` })
  source?: string;

  @ApiPropertyOptional({
    description: 'A Parsons problem with `grading: run`: the program as `[{ line, indent }]`, lines as shown, in order (`indent` only when the problem asks for it)',
    example: [{ line: 'def make_adder(k):', indent: 0 }],
  })
  @ValidateIf((body: SubmitRequestDto) => body.lines !== undefined)
  @IsArray({ message: 'lines must be a list of { line, indent }' })
  @ArrayMaxSize(MAX_SUBMITTED_LINES, { message: `lines must have at most ${MAX_SUBMITTED_LINES} entries` })
  lines?: unknown[];
}

export class LearnerTestResultDto implements LearnerTestResult {
  @ApiProperty({ example: 'first_call_returns_1' }) name!: string;
  @ApiProperty({ enum: ['visible', 'hidden'] }) visibility!: 'visible' | 'hidden';
  @ApiProperty({ enum: ['pass', 'fail', 'error', 'timeout', 'memory_limit', 'skipped'] }) status!: TestOutcome;
  @ApiProperty({ description: "What went wrong, in the grader's words (empty on a pass; for a hidden test only a generic line, if any)" }) message!: string;
  @ApiPropertyOptional({ description: "The exercise author's feedback for a test that did not pass ('' when none)" }) feedback?: string;
  @ApiProperty({ description: 'Captured output (empty for hidden tests)' }) output!: string;
  @ApiProperty() score!: number;
  @ApiProperty() maxScore!: number;
}

export class LearnerSubmissionDto implements LearnerSubmission {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) attemptId!: string | null;
  @ApiProperty() questionKey!: string;
  @ApiProperty({ enum: ['run', 'submit'], description: '`run`: visible tests only, not scored' }) kind!: 'run' | 'submit';
  @ApiProperty({ enum: ['pending', 'grading', 'graded', 'error'] }) status!: SubmissionStatus;
  @ApiProperty({ type: Number, nullable: true, description: '0..1 (submissions only, once graded)' }) score!: number | null;
  @ApiProperty({ type: Number, nullable: true }) points!: number | null;
  @ApiProperty({ type: Number, nullable: true }) maxPoints!: number | null;
  @ApiProperty({ description: 'Tests passed' }) passed!: number;
  @ApiProperty({ description: 'Tests run' }) total!: number;
  @ApiProperty({ type: String, nullable: true }) message!: string | null;
  @ApiProperty({ type: [LearnerTestResultDto] }) tests!: LearnerTestResult[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) gradedAt!: string | null;
  @ApiPropertyOptional({ description: 'While pending: the URL to poll', example: '/api/submissions/8d7c…' }) poll?: string;
}
