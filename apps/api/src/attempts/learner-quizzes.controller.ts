import { Controller, Get, HttpStatus, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { LearnerAttempt, LearnerQuiz } from '@app/contracts';
import { ApiErrors, CurrentUser, Public, type AuthUser } from '../auth/index.js';
import { AttemptsService } from './attempts.service.js';
import { LearnerAttemptDto, LearnerQuizDto } from './attempts.dto.js';
import { StartAttempt } from './start-attempt.use-case.js';

const COURSE_PARAM = { name: 'course', example: 'closures', description: 'First part of the quiz id `<course>/<slug>`' };
const SLUG_PARAM = { name: 'slug', example: 'make-counter', description: 'Second part of the quiz id `<course>/<slug>`' };

/** A quiz id `closures/make-counter` is addressed as `/api/quizzes/closures/make-counter`. */
@ApiTags('learner')
@Controller('quizzes')
export class LearnerQuizzesController {
  constructor(
    private readonly attempts: AttemptsService,
    private readonly startAttempt: StartAttempt,
  ) {}

  @Get(':course/:slug')
  @Public()
  @ApiOperation({ summary: 'A published quiz or exercise as a learner sees it (no answers, no hidden tests)' })
  @ApiParam(COURSE_PARAM)
  @ApiParam(SLUG_PARAM)
  @ApiOkResponse({ type: LearnerQuizDto })
  @ApiErrors(404)
  view(@Param('course') course: string, @Param('slug') slug: string): Promise<LearnerQuiz> {
    return this.attempts.quizView(`${course}/${slug}`);
  }

  @Post(':course/:slug/attempts')
  @ApiOperation({
    summary: 'Start an attempt on the current version',
    description: 'Returns the in-progress attempt (200) instead of a new one (201) when there is one.',
  })
  @ApiParam(COURSE_PARAM)
  @ApiParam(SLUG_PARAM)
  @ApiCreatedResponse({ type: LearnerAttemptDto, description: 'A new attempt' })
  @ApiOkResponse({ type: LearnerAttemptDto, description: 'The learner’s attempt already in progress' })
  @ApiErrors(401, 403, 404, 409, 429)
  async start(
    @CurrentUser() user: AuthUser,
    @Param('course') course: string,
    @Param('slug') slug: string,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LearnerAttempt> {
    const { attemptId, created } = await this.startAttempt.execute(user.id, `${course}/${slug}`);
    response.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return this.attempts.getOwn(user.id, attemptId);
  }
}
