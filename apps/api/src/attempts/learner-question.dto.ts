import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One visible example of a code question (what "Run visible tests" runs). */
export class LearnerExampleDto {
  @ApiProperty() name!: string;
  @ApiPropertyOptional({ description: 'Python statements run first' }) setup?: string;
  @ApiPropertyOptional({ description: 'Python expression whose value is checked' }) expr?: string;
  @ApiPropertyOptional({ description: 'Function called with args/kwargs' }) call?: string;
  @ApiPropertyOptional({ type: 'array', items: {} }) args?: unknown[];
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) kwargs?: Record<string, unknown>;
  @ApiPropertyOptional({ description: 'Expected value (visible examples only)' }) expected?: unknown;
  @ApiPropertyOptional({ description: 'Expected exception class name' }) raises?: string;
  @ApiPropertyOptional({ description: 'Expected printed output' }) output?: string;
}

class ChoiceViewDto {
  @ApiProperty() id!: string;
  @ApiProperty() text!: string;
}

/**
 * A question as a learner sees it (quiz-spec's `toLearnerView`): one schema for every type, the
 * fields present depending on `type`. Never holds correct flags, accepted answers, expected
 * output, the correct order, hidden tests or solutions.
 */
export class LearnerQuestionDto {
  @ApiProperty({ description: 'Question key, used in answer and submission routes' }) id!: string;
  @ApiProperty({ enum: ['single_choice', 'multiple_choice', 'ordering', 'parsons', 'predict_output', 'short_answer', 'code'] }) type!: string;
  @ApiProperty() prompt!: string;
  @ApiProperty() points!: number;
  @ApiProperty({ type: [String] }) concepts!: string[];
  @ApiPropertyOptional({ type: [ChoiceViewDto], description: 'single_choice, multiple_choice' }) choices?: ChoiceViewDto[];
  @ApiPropertyOptional({ type: [String], description: 'ordering: the items, shuffled' }) items?: string[];
  @ApiPropertyOptional({ type: [String], description: 'parsons: the lines to order (solution and distractors), shuffled' }) lines?: string[];
  @ApiPropertyOptional({ description: 'parsons: true when the learner also indents the lines' }) indent?: boolean;
  @ApiPropertyOptional({ enum: ['order', 'run'], description: 'parsons: `run` = submit the lines to the submissions route; the program is graded against hidden tests' }) grading?: 'order' | 'run';
  @ApiPropertyOptional({ description: 'predict_output: the program to read' }) code?: string;
  @ApiPropertyOptional({ description: 'code' }) title?: string;
  @ApiPropertyOptional({ description: 'code: starter source' }) starter?: string;
  @ApiPropertyOptional({ description: 'code: module name the tests import' }) module?: string;
  @ApiPropertyOptional({ type: [String], description: 'code' }) hints?: string[];
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'code: time and memory limits' }) limits?: Record<string, number>;
  @ApiPropertyOptional({ type: [LearnerExampleDto], description: 'code: the visible tests' }) examples?: LearnerExampleDto[];
  @ApiPropertyOptional({ description: 'code, and parsons with grading: run: number of hidden tests' }) hidden_tests?: number;
}
