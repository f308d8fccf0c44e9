import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import type { AuthoringCodeQuestion, AuthoringCodeRun, AuthoringSolution, AuthoringTestResult } from '@app/contracts';
import { MAX_FILE_BYTES } from '@app/quiz-spec';
import { MAX_SOURCE_LENGTH } from '../submissions/submissions.dto.js';

/** The YAML being edited (saved or not), as the editor holds it. */
export class DraftYamlDto {
  @ApiProperty({ description: `The file's YAML text (at most ${MAX_FILE_BYTES} bytes)` })
  @IsString({ message: 'yaml must be a string' })
  @IsNotEmpty({ message: 'yaml must not be empty' })
  @MaxLength(MAX_FILE_BYTES, { message: `yaml must be at most ${MAX_FILE_BYTES} characters long` })
  yaml!: string;
}

export class TryCodeDto extends DraftYamlDto {
  @ApiProperty({ description: 'The code question: the exercise id, or `<quiz id>#<question id>`', example: 'closures/make-counter' })
  @IsString({ message: 'question must be a string' })
  @IsNotEmpty({ message: 'question must not be empty' })
  @MaxLength(300, { message: 'question must be at most 300 characters long' })
  question!: string;

  @ApiProperty({ description: 'Python source to grade (the same limit as a learner submission)', maxLength: MAX_SOURCE_LENGTH })
  @IsString({ message: 'source must be a string' })
  @MaxLength(MAX_SOURCE_LENGTH, { message: `source must be at most ${MAX_SOURCE_LENGTH} characters long` })
  source!: string;
}

export class AuthoringSolutionDto implements AuthoringSolution {
  @ApiProperty({ example: 'reference' }) name!: string;
  @ApiProperty() code!: string;
  @ApiPropertyOptional({ type: [String] }) fails?: string[];
  @ApiPropertyOptional() feedback?: string;
}

export class AuthoringCodeQuestionDto implements AuthoringCodeQuestion {
  @ApiProperty({ example: 'closures/make-counter' }) key!: string;
  @ApiProperty() title!: string;
  @ApiProperty() starter!: string;
  @ApiProperty({ type: AuthoringSolutionDto }) reference!: AuthoringSolutionDto;
  @ApiProperty({ type: [AuthoringSolutionDto] }) otherSolutions!: AuthoringSolutionDto[];
  @ApiProperty({ type: [AuthoringSolutionDto] }) wrongSolutions!: AuthoringSolutionDto[];
}

export class AuthoringTestResultDto implements AuthoringTestResult {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['visible', 'hidden'], description: "The test's visibility to learners" }) visibility!: 'visible' | 'hidden';
  @ApiProperty({ enum: ['pass', 'fail', 'error', 'timeout', 'memory_limit', 'skipped'] }) status!: AuthoringTestResult['status'];
  @ApiProperty({ description: "The engine's message (hidden tests included)" }) message!: string;
  @ApiProperty({ description: "The author's feedback a learner sees when the test does not pass" }) feedback!: string;
  @ApiProperty() output!: string;
  @ApiProperty() score!: number;
  @ApiProperty() maxScore!: number;
}

export class AuthoringCodeRunDto implements AuthoringCodeRun {
  @ApiProperty() key!: string;
  @ApiProperty({ enum: ['pass', 'fail', 'error'] }) status!: 'pass' | 'fail' | 'error';
  @ApiProperty() points!: number;
  @ApiProperty() maxPoints!: number;
  @ApiProperty() passed!: number;
  @ApiProperty() total!: number;
  @ApiProperty() message!: string;
  @ApiProperty({ type: [AuthoringTestResultDto] }) tests!: AuthoringTestResultDto[];
}
