import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { GradingStatus } from '@app/contracts';

export class GraderWorkersDto {
  @ApiProperty() ready!: number;
  @ApiProperty() size!: number;
  @ApiProperty() busy!: number;
  @ApiProperty() queued!: number;
  @ApiProperty() restarts!: number;
}

export class GraderHealthDto {
  @ApiProperty() ready!: boolean;
  @ApiPropertyOptional({ example: 'grader pool is warming up' }) reason?: string;
  @ApiProperty({ type: GraderWorkersDto }) workers!: GraderWorkersDto;
}

export class SubmissionQueueDto {
  @ApiProperty({ description: 'Waiting in this instance' }) queued!: number;
  @ApiProperty({ description: 'Being graded now' }) running!: number;
}

export class SubmissionCountsDto {
  @ApiProperty() pending!: number;
  @ApiProperty() grading!: number;
  @ApiProperty() graded!: number;
  @ApiProperty() error!: number;
}

export class GradingStatusDto implements GradingStatus {
  @ApiProperty({ type: GraderHealthDto }) grader!: GraderHealthDto;
  @ApiProperty({ type: SubmissionQueueDto }) queue!: SubmissionQueueDto;
  @ApiProperty({ type: SubmissionCountsDto, description: 'Stored submissions per status' }) submissions!: SubmissionCountsDto;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Oldest submission still pending or grading' })
  oldestUnfinishedAt!: string | null;
}
