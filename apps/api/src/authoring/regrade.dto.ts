import { ApiProperty } from '@nestjs/swagger';
import type { RegradeItem, RegradeReport, RegradeSummary } from '@app/contracts';

export class RegradeItemDto implements RegradeItem {
  @ApiProperty({ format: 'uuid' }) submissionId!: string;
  @ApiProperty() learnerEmail!: string;
  @ApiProperty() questionKey!: string;
  @ApiProperty() oldPoints!: number;
  @ApiProperty() newPoints!: number;
  @ApiProperty() oldMaxPoints!: number;
  @ApiProperty() newMaxPoints!: number;
  @ApiProperty({ description: '0..1' }) oldScore!: number;
  @ApiProperty({ description: '0..1' }) newScore!: number;
  @ApiProperty({ description: 'newPoints - oldPoints' }) delta!: number;
  @ApiProperty({ description: 'newScore - oldScore (share of the maximum)' }) scoreDelta!: number;
}

export class RegradeSummaryDto implements RegradeSummary {
  @ApiProperty({ description: 'Submissions regraded' }) total!: number;
  @ApiProperty({ description: 'Whose points or maximum change' }) changed!: number;
  @ApiProperty({ description: 'Whose share of the maximum rises (points decide a tie)' }) up!: number;
  @ApiProperty({ description: 'Whose share of the maximum falls (points decide a tie)' }) down!: number;
  @ApiProperty({ description: 'Mean points delta over all regraded submissions' }) meanDelta!: number;
  @ApiProperty({ description: 'Mean change of the share of the maximum (0..1) over all regraded submissions' }) meanScoreDelta!: number;
  @ApiProperty({ description: 'Graded submissions of questions no longer in the current version (left alone)' }) unmatched!: number;
}

export class RegradeReportDto implements RegradeReport {
  @ApiProperty({ example: 'closures/make-counter' }) quizId!: string;
  @ApiProperty({ description: 'The version whose tests were used' }) version!: number;
  @ApiProperty({ description: 'sha256 of the exact inputs; pass it to commit' }) previewId!: string;
  @ApiProperty() committed!: boolean;
  @ApiProperty({ type: RegradeSummaryDto }) summary!: RegradeSummaryDto;
  @ApiProperty({ type: [RegradeItemDto] }) items!: RegradeItemDto[];
}
