import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LearnerAttemptCode, LearnerDraft } from '@app/contracts';
import { ApiErrors, CurrentUser, type AuthUser } from '../auth/index.js';
import { ParseIdOr404 } from '../attempts/attempt-id.pipe.js';
import { DraftRequestDto, LearnerAttemptCodeDto, LearnerDraftDto } from './code-work.dto.js';
import { CodeWorkService } from './code-work.service.js';

@ApiTags('learner')
@Controller('attempts')
export class CodeWorkController {
  constructor(private readonly work: CodeWorkService) {}

  @Get(':id/code')
  @ApiOperation({
    summary: 'Your code in one of your attempts: per code question the draft, the latest run and submission (with their code)',
    description: 'For a question with no code of its own yet in an attempt in progress, `earlier` is the newest code you submitted for it in another attempt.',
  })
  @ApiOkResponse({ type: LearnerAttemptCodeDto })
  @ApiErrors(401, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdOr404('attempt')) id: string): Promise<LearnerAttemptCode> {
    return this.work.codeOf(user.id, id);
  }

  @Put(':id/questions/:key/draft')
  @ApiOperation({ summary: 'Save the code being written for a code question (kept per attempt and question; the newest save wins)' })
  @ApiOkResponse({ type: LearnerDraftDto })
  @ApiErrors(400, 401, 403, 404, 409)
  saveDraft(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdOr404('attempt')) id: string,
    @Param('key') key: string,
    @Body() body: DraftRequestDto,
  ): Promise<LearnerDraft> {
    return this.work.saveDraft(user.id, id, key, body.source);
  }
}
