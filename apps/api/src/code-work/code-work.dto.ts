import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import type { EarlierCode, LearnerAttemptCode, LearnerCodeWork, LearnerDraft, LearnerSubmissionWithSource } from '@app/contracts';
import { LearnerSubmissionDto, MAX_SOURCE_LENGTH } from '../submissions/submissions.dto.js';

/** The same bound as a submission's source: a draft is code that may be submitted. */
export class DraftRequestDto {
  @ApiProperty({ description: 'The Python source being written', maxLength: MAX_SOURCE_LENGTH })
  @IsString({ message: 'source must be a string' })
  @MaxLength(MAX_SOURCE_LENGTH, { message: `source must be at most ${MAX_SOURCE_LENGTH} characters long` })
  source!: string;
}

export class LearnerDraftDto implements LearnerDraft {
  @ApiProperty() questionKey!: string;
  @ApiProperty() source!: string;
  @ApiProperty({ format: 'date-time' }) savedAt!: string;
}

export class LearnerSubmissionWithSourceDto extends LearnerSubmissionDto implements LearnerSubmissionWithSource {
  @ApiProperty({ description: 'The code that was sent' }) source!: string;
}

export class EarlierCodeDto implements EarlierCode {
  @ApiProperty({ format: 'uuid' }) attemptId!: string;
  @ApiProperty() source!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class LearnerCodeWorkDto implements LearnerCodeWork {
  @ApiProperty() questionKey!: string;
  @ApiProperty({ type: LearnerDraftDto, nullable: true }) draft!: LearnerDraft | null;
  @ApiProperty({ type: LearnerSubmissionWithSourceDto, nullable: true }) lastRun!: LearnerSubmissionWithSource | null;
  @ApiProperty({ type: LearnerSubmissionWithSourceDto, nullable: true, description: 'Its verdict is withheld while exam scores are' })
  lastSubmission!: LearnerSubmissionWithSource | null;
  @ApiProperty({ type: EarlierCodeDto, nullable: true, description: 'Set only when this attempt has no code of its own for the question' })
  earlier!: EarlierCode | null;
}

export class LearnerAttemptCodeDto implements LearnerAttemptCode {
  @ApiProperty({ format: 'uuid' }) attemptId!: string;
  @ApiProperty({ type: [LearnerCodeWorkDto] }) questions!: LearnerCodeWork[];
}
