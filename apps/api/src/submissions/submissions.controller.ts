import { BadRequestException, Body, Controller, Get, HttpStatus, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { LearnerSubmission } from '@app/contracts';
import { ApiErrors, CurrentUser, type AuthUser } from '../auth/index.js';
import { ParseIdOr404 } from '../attempts/attempt-id.pipe.js';
import { CodeThrottleGuard } from './code-throttle.guard.js';
import { LearnerSubmissionDto, SourceRequestDto, SubmitRequestDto } from './submissions.dto.js';
import type { SubmissionInput } from './submission-source.js';
import { SubmitCode } from './submit-code.use-case.js';
import type { SubmissionKind } from './submission.types.js';

@ApiTags('learner')
@Controller()
export class SubmissionsController {
  constructor(private readonly submitCode: SubmitCode) {}

  @Post('attempts/:id/questions/:key/run')
  @UseGuards(CodeThrottleGuard)
  @ApiOperation({ summary: 'Run the visible tests of a code question (not scored, uses no submission)' })
  @ApiCreatedResponse({ type: LearnerSubmissionDto, description: 'Graded: per-test status, message and output' })
  @ApiAcceptedResponse({ type: LearnerSubmissionDto, description: 'Still running: poll `poll`' })
  @ApiErrors(400, 401, 403, 404, 429)
  run(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdOr404('attempt')) id: string,
    @Param('key') key: string,
    @Body() body: SourceRequestDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LearnerSubmission> {
    return this.send(user, id, key, body.source, 'run', res);
  }

  @Post('attempts/:id/questions/:key/submissions')
  @UseGuards(CodeThrottleGuard)
  @ApiOperation({
    summary: 'Submit code (or a run-graded Parsons problem\'s lines) for grading against every test',
    description: 'Stored as pending first, then graded; waits up to 15 s for the verdict (201), else answers 202 with a URL to poll. A Parsons problem with `grading: run` takes `lines` (never `source`): they are assembled into the program that is stored and graded.',
  })
  @ApiCreatedResponse({ type: LearnerSubmissionDto, description: 'Graded (or failed on our side: status error)' })
  @ApiAcceptedResponse({ type: LearnerSubmissionDto, description: 'Still grading: poll `poll`' })
  @ApiErrors(400, 401, 403, 404, 409, 429)
  submit(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseIdOr404('attempt')) id: string,
    @Param('key') key: string,
    @Body() body: SubmitRequestDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LearnerSubmission> {
    if (body.source !== undefined && body.lines !== undefined) {
      throw new BadRequestException({ message: 'send either source or lines, not both', details: [{ field: 'lines', errors: ['send either source or lines, not both'] }] });
    }
    return this.send(user, id, key, body.lines === undefined ? body.source! : { lines: body.lines }, 'submit', res);
  }

  @Get('submissions/:id')
  @ApiOperation({ summary: 'One of your runs or submissions (poll while pending)' })
  @ApiOkResponse({ type: LearnerSubmissionDto })
  @ApiErrors(401, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseIdOr404('submission')) id: string): Promise<LearnerSubmission> {
    return this.submitCode.getOwn(user.id, id);
  }

  /** 201 with the verdict, or 202 while it is still grading (the body then carries `poll`). */
  private async send(user: AuthUser, attemptId: string, key: string, source: SubmissionInput, kind: SubmissionKind, res: Response): Promise<LearnerSubmission> {
    const submission = await this.submitCode.execute(user.id, attemptId, key, source, kind);
    const finished = submission.status === 'graded' || submission.status === 'error';
    res.status(finished ? HttpStatus.CREATED : HttpStatus.ACCEPTED);
    return submission;
  }
}
