import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthoringSubmission, RegradeReport } from '@app/contracts';
import { ApiErrors } from '../auth/api-errors.decorator.js';
import { Roles } from '../auth/auth.decorators.js';
import type { Page } from '../common/pagination.dto.js';
import { CommitRegradeDto, QuizIdParams, quizIdOf, SubmissionsQueryDto } from './authoring-request.dto.js';
import { AuthoringSubmissionPageDto } from './authoring-response.dto.js';
import { AuthoringService } from './authoring.service.js';
import { RegradeReportDto } from './regrade.dto.js';
import { RegradeQuiz } from './regrade-quiz.use-case.js';

@ApiTags('authoring')
@ApiBearerAuth()
@ApiCookieAuth('access_token')
@Roles('instructor', 'admin')
@ApiErrors(401, 403)
@Controller('authoring/quizzes/:course/:slug')
export class AuthoringSubmissionsController {
  constructor(
    private readonly authoring: AuthoringService,
    private readonly regrade: RegradeQuiz,
  ) {}

  @Get('submissions')
  @ApiOperation({ summary: "Submissions to any version of the quiz's questions, newest first" })
  @ApiOkResponse({ type: AuthoringSubmissionPageDto })
  @ApiErrors(400, 404)
  submissions(@Param() params: QuizIdParams, @Query() query: SubmissionsQueryDto): Promise<Page<AuthoringSubmission>> {
    const filter = { ...(query.status && { status: query.status }), ...(query.kind && { kind: query.kind }) };
    return this.authoring.submissions(quizIdOf(params), filter, query);
  }

  @Post('regrade/preview')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "Grade every graded submit against the current version's tests, storing nothing" })
  @ApiOkResponse({ type: RegradeReportDto })
  @ApiErrors(400, 404, 503)
  preview(@Param() params: QuizIdParams): Promise<RegradeReport> {
    return this.regrade.preview(quizIdOf(params));
  }

  @Post('regrade/commit')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Store the previewed regrade (results, answers, attempt and best scores); 409 if its inputs changed' })
  @ApiOkResponse({ type: RegradeReportDto })
  @ApiErrors(400, 404, 409, 503)
  commit(@Param() params: QuizIdParams, @Body() body: CommitRegradeDto): Promise<RegradeReport> {
    return this.regrade.commit(quizIdOf(params), body.previewId);
  }
}
