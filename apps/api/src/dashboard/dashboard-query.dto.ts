import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { LearnerSortKey } from '@app/contracts';
import { PaginationQueryDto } from '../common/pagination.dto.js';
import type { SortOrder } from './learner-stats.repository.js';

export const LEARNER_SORT_KEYS: readonly LearnerSortKey[] = ['email', 'attempts', 'meanScore', 'lastActivityAt'];
export const SORT_ORDERS: readonly SortOrder[] = ['asc', 'desc'];
export const MAX_ACTIVITY_DAYS = 366;

export class QuestionStatsQueryDto extends PaginationQueryDto {
  @ApiProperty({ example: 'closures/make-counter', description: 'Quiz id (its slug)' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  quizId!: string;
}

export class LearnerStatsQueryDto extends PaginationQueryDto {
  @ApiPropertyOptional({ enum: LEARNER_SORT_KEYS, default: 'lastActivityAt' })
  @IsOptional()
  @IsIn(LEARNER_SORT_KEYS, { message: `sort must be one of ${LEARNER_SORT_KEYS.join(', ')}` })
  sort: LearnerSortKey = 'lastActivityAt';

  @ApiPropertyOptional({ enum: SORT_ORDERS, default: 'desc', description: 'Empty values sort last either way' })
  @IsOptional()
  @IsIn(SORT_ORDERS, { message: 'order must be asc or desc' })
  order: SortOrder = 'desc';

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the learners of this class (an LMS course, GET /api/admin/lti/classes)' })
  @IsOptional()
  @IsUUID('all', { message: 'classId must be a class id (a UUID)' })
  classId?: string;
}

export class ActivityQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_ACTIVITY_DAYS, default: 30, description: 'Number of UTC days ending today' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_ACTIVITY_DAYS)
  days: number = 30;
}
