import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LearnerWorkAttempt, LearnerWorkSubmission } from '@app/contracts';
import { ParseIdOr404 } from '../attempts/attempt-id.pipe.js';
import { ApiErrors } from '../auth/api-errors.decorator.js';
import { Roles } from '../auth/auth.decorators.js';
import { PaginationQueryDto, type Page } from '../common/pagination.dto.js';
import { LearnerWorkAttemptPageDto, LearnerWorkSubmissionPageDto, LearnerWorkSubmissionsQueryDto } from './learner-work.dto.js';
import { LearnerWorkService } from './learner-work.service.js';

/** One learner's work, for those who teach them (instructors and admins). */
@ApiTags('admin')
@ApiBearerAuth()
@ApiCookieAuth('access_token')
@Roles('instructor', 'admin')
@ApiErrors(400, 401, 403, 404)
@Controller('admin/learners/:userId')
export class LearnerWorkController {
  constructor(private readonly work: LearnerWorkService) {}

  @Get('attempts')
  @ApiOperation({ summary: "A learner's attempts, newest first" })
  @ApiOkResponse({ type: LearnerWorkAttemptPageDto })
  attempts(@Param('userId', ParseIdOr404('user')) userId: string, @Query() query: PaginationQueryDto): Promise<Page<LearnerWorkAttempt>> {
    return this.work.attempts(userId, query);
  }

  @Get('submissions')
  @ApiOperation({ summary: "A learner's code runs and submissions with their source and verdict, newest first" })
  @ApiOkResponse({ type: LearnerWorkSubmissionPageDto })
  submissions(@Param('userId', ParseIdOr404('user')) userId: string, @Query() query: LearnerWorkSubmissionsQueryDto): Promise<Page<LearnerWorkSubmission>> {
    return this.work.submissions(userId, query.attemptId, query);
  }
}
