import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AttemptSummary, QuizProgress } from '@app/contracts';
import { ApiErrors, CurrentUser, type AuthUser } from '../auth/index.js';
import { PaginationQueryDto, type Page } from '../common/pagination.dto.js';
import { AttemptSummaryPageDto, QuizProgressPageDto } from './progress.dto.js';
import { ProgressService } from './progress.service.js';

@ApiTags('learner')
@Controller('me')
export class MeController {
  constructor(private readonly progress: ProgressService) {}

  @Get('attempts')
  @ApiOperation({ summary: 'Your attempts, newest first, with their scores' })
  @ApiOkResponse({ type: AttemptSummaryPageDto })
  @ApiErrors(400, 401)
  attempts(@CurrentUser() user: AuthUser, @Query() query: PaginationQueryDto): Promise<Page<AttemptSummary>> {
    return this.progress.attempts(user.id, query);
  }

  @Get('progress')
  @ApiOperation({ summary: 'Per published quiz: your best score, attempts used and left, last activity' })
  @ApiOkResponse({ type: QuizProgressPageDto })
  @ApiErrors(400, 401)
  progressPage(@CurrentUser() user: AuthUser, @Query() query: PaginationQueryDto): Promise<Page<QuizProgress>> {
    return this.progress.progress(user.id, query);
  }
}
