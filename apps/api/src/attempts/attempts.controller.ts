import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { LearnerAnswer, LearnerAttempt } from '@app/contracts';
import { ApiErrors, CurrentUser, type AuthUser } from '../auth/index.js';
import { AnswerQuestion } from './answer-question.use-case.js';
import { ParseIdOr404 } from './attempt-id.pipe.js';
import { AnswerRequestDto, LearnerAnswerDto, LearnerAttemptDto } from './attempts.dto.js';
import { AttemptsService } from './attempts.service.js';
import { FinishAttempt } from './finish-attempt.use-case.js';

@ApiTags('learner')
@Controller('attempts')
export class AttemptsController {
  constructor(
    private readonly attempts: AttemptsService,
    private readonly answerQuestion: AnswerQuestion,
    private readonly finishAttempt: FinishAttempt,
  ) {}

  @Get(':id')
  @ApiOperation({ summary: 'One of your attempts, with its questions and your answers' })
  @ApiOkResponse({ type: LearnerAttemptDto })
  @ApiErrors(401, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdOr404('attempt')) id: string): Promise<LearnerAttempt> {
    return this.attempts.getOwn(user.id, id);
  }

  @Put(':id/answers/:questionKey')
  @ApiOperation({
    summary: 'Answer a non-code question (graded at once; answers are final)',
    description: 'Sending the same response again returns the stored verdict; a different one is a 409.',
  })
  @ApiOkResponse({ type: LearnerAnswerDto })
  @ApiErrors(400, 401, 403, 404, 409)
  answer(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdOr404('attempt')) id: string,
    @Param('questionKey') questionKey: string,
    @Body() body: AnswerRequestDto,
  ): Promise<LearnerAnswer> {
    return this.answerQuestion.execute(user.id, id, questionKey, body.response);
  }

  @Post(':id/submit')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Finish the attempt: fixes its score and updates your best score' })
  @ApiOkResponse({ type: LearnerAttemptDto })
  @ApiErrors(401, 404, 409)
  submit(@CurrentUser() user: AuthUser, @Param('id', ParseIdOr404('attempt')) id: string): Promise<LearnerAttempt> {
    return this.finishAttempt.execute(user.id, id);
  }
}
