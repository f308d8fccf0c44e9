import { ApiProperty } from '@nestjs/swagger';
import type {
  AuthoringPreview,
  AuthoringQuizDetail,
  AuthoringQuizSummary,
  AuthoringSubmission,
  AuthoringVersion,
  SaveQuizResult,
  SolutionViolation,
  SpecErrorItem,
  ValidationReport,
} from '@app/contracts';
import type { LearnerQuestionView } from '@app/quiz-spec';
import { LearnerQuestionDto } from '../attempts/learner-question.dto.js';
import { PageOf } from '../common/pagination.dto.js';

const KINDS = ['quiz', 'exercise'];

export class AuthoringQuizSummaryDto implements AuthoringQuizSummary {
  @ApiProperty({ example: 'closures/make-counter' }) id!: string;
  @ApiProperty({ example: 'Make a counter' }) title!: string;
  @ApiProperty({ enum: KINDS }) kind!: 'quiz' | 'exercise';
  @ApiProperty({ example: 'closures' }) course!: string;
  @ApiProperty() published!: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'Number of the current version' }) currentVersion!: number | null;
  @ApiProperty() versionsCount!: number;
  @ApiProperty({ description: 'Submissions (runs and submits) to any version' }) submissionsCount!: number;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class AuthoringQuizPageDto extends PageOf(AuthoringQuizSummaryDto) {}

export class AuthoringVersionDto implements AuthoringVersion {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ description: 'sha256 of the canonical content' }) contentHash!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() questionCount!: number;
  @ApiProperty() current!: boolean;
}

export class AuthoringQuizDetailDto extends AuthoringQuizSummaryDto implements AuthoringQuizDetail {
  @ApiProperty({ type: String, nullable: true, description: 'YAML of the current version' }) sourceYaml!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'Full model of the current version, tests and solutions included' })
  content!: unknown;
  @ApiProperty({ type: [AuthoringVersionDto], description: 'Newest first' }) versions!: AuthoringVersionDto[];
}

export class SpecErrorItemDto implements SpecErrorItem {
  @ApiProperty({ example: 12 }) line!: number;
  @ApiProperty({ example: 7 }) column!: number;
  @ApiProperty({ example: 'tests[2].points' }) path!: string;
  @ApiProperty({ example: 'expected a number >= 0, got "two"' }) message!: string;
}

export class SolutionViolationDto implements SolutionViolation {
  @ApiProperty({ example: 'closures/make-counter' }) question!: string;
  @ApiProperty({ example: 'reference solution scores 6/8, expected 100%' }) message!: string;
}

export class ValidationReportDto implements ValidationReport {
  @ApiProperty() valid!: boolean;
  @ApiProperty({ type: String, nullable: true }) id!: string | null;
  @ApiProperty({ enum: KINDS, nullable: true }) kind!: 'quiz' | 'exercise' | null;
  @ApiProperty({ type: String, nullable: true }) hash!: string | null;
  @ApiProperty({ type: [SpecErrorItemDto] }) errors!: SpecErrorItemDto[];
  @ApiProperty() verified!: boolean;
  @ApiProperty({ type: [SolutionViolationDto] }) violations!: SolutionViolationDto[];
}

export class SaveQuizResultDto implements SaveQuizResult {
  @ApiProperty({ example: 'closures/make-counter' }) id!: string;
  @ApiProperty({ enum: ['created', 'unchanged', 'restored'] }) outcome!: 'created' | 'unchanged' | 'restored';
  @ApiProperty({ description: 'The version now current' }) version!: number;
  @ApiProperty() hash!: string;
  @ApiProperty() published!: boolean;
  @ApiProperty() verified!: boolean;
}

export class AuthoringPreviewDto implements AuthoringPreview {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ enum: KINDS }) kind!: 'quiz' | 'exercise';
  @ApiProperty() course!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: [LearnerQuestionDto] }) questions!: LearnerQuestionView[];
}

export class AuthoringSubmissionDto implements AuthoringSubmission {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) learnerId!: string;
  @ApiProperty() learnerEmail!: string;
  @ApiProperty() questionKey!: string;
  @ApiProperty({ enum: ['run', 'submit'] }) kind!: 'run' | 'submit';
  @ApiProperty({ enum: ['pending', 'grading', 'graded', 'error'] }) status!: 'pending' | 'grading' | 'graded' | 'error';
  @ApiProperty({ type: Number, nullable: true, description: '0..1' }) score!: number | null;
  @ApiProperty({ type: Number, nullable: true }) points!: number | null;
  @ApiProperty({ type: Number, nullable: true }) maxPoints!: number | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) attemptId!: string | null;
  @ApiProperty({ description: 'The version the learner answered' }) answeredVersion!: number;
  @ApiProperty({ description: 'The version whose tests gave the stored result (after a regrade: the regrade target)' }) gradedVersion!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) gradedAt!: string | null;
}

export class AuthoringSubmissionPageDto extends PageOf(AuthoringSubmissionDto) {}
