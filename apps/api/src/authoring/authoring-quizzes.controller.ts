import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthoringPreview, AuthoringQuizDetail, AuthoringQuizSummary, SaveQuizResult, ValidationReport } from '@app/contracts';
import { ApiErrors } from '../auth/api-errors.decorator.js';
import { Roles } from '../auth/auth.decorators.js';
import { PaginationQueryDto, type Page } from '../common/pagination.dto.js';
import { CheckQueryDto, QuizIdParams, QuizSourceDto, quizIdOf } from './authoring-request.dto.js';
import {
  AuthoringPreviewDto,
  AuthoringQuizDetailDto,
  AuthoringQuizPageDto,
  AuthoringQuizSummaryDto,
  SaveQuizResultDto,
  ValidationReportDto,
} from './authoring-response.dto.js';
import { AuthoringService } from './authoring.service.js';
import { QuizUploadService } from './quiz-upload.service.js';

const SAVED = 'Stored: 201 with outcome `created` for a new version, 200 when `unchanged` or `restored`';
const INVALID = '422: `details.errors` lists `{ line, column, path, message }`; `details.violations` the solution checks';

/** Quiz ids are `<course>/<slug>`: routes take them as the two segments `:course/:slug`. */
@ApiTags('authoring')
@ApiBearerAuth()
@ApiCookieAuth('access_token')
@Roles('instructor', 'admin')
@ApiErrors(401, 403)
@ApiExtraModels(ValidationReportDto, SaveQuizResultDto)
@Controller('authoring')
export class AuthoringQuizzesController {
  constructor(
    private readonly authoring: AuthoringService,
    private readonly uploads: QuizUploadService,
  ) {}

  @Get('quizzes')
  @ApiOperation({ summary: 'Every quiz and exercise, published or not' })
  @ApiOkResponse({ type: AuthoringQuizPageDto })
  @ApiErrors(400)
  list(@Query() query: PaginationQueryDto): Promise<Page<AuthoringQuizSummary>> {
    return this.authoring.list(query);
  }

  @Post('validate')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Validate a YAML file with the CLI validator; stores nothing (errors at their lines)' })
  @ApiOkResponse({ type: ValidationReportDto })
  @ApiErrors(400, 413)
  validate(@Body() body: QuizSourceDto): Promise<ValidationReport> {
    return this.uploads.check(body);
  }

  @Post('quizzes')
  @ApiOperation({ summary: 'Upload a new quiz or exercise (`?check=true`: validate only, like POST /authoring/validate)' })
  @ApiCreatedResponse({ type: SaveQuizResultDto, description: SAVED })
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(ValidationReportDto) }, { $ref: getSchemaPath(SaveQuizResultDto) }] }, description: 'With ?check=true: the validation report' })
  @ApiErrors(400, 409, 413, 422)
  async create(@Body() body: QuizSourceDto, @Query() query: CheckQueryDto, @Res({ passthrough: true }) response: Response): Promise<SaveQuizResult | ValidationReport> {
    if (query.check) {
      response.status(HttpStatus.OK);
      return this.uploads.check(body);
    }
    return withStatus(response, await this.uploads.create(body));
  }

  @Put('quizzes/:course/:slug')
  @ApiOperation({ summary: "A new version of a quiz; the file's id must be the URL's (400 otherwise). " + INVALID })
  @ApiCreatedResponse({ type: SaveQuizResultDto, description: SAVED })
  @ApiOkResponse({ type: SaveQuizResultDto, description: 'This content is already stored' })
  @ApiErrors(400, 404, 413, 422)
  async update(@Param() params: QuizIdParams, @Body() body: QuizSourceDto, @Res({ passthrough: true }) response: Response): Promise<SaveQuizResult> {
    return withStatus(response, await this.uploads.update(quizIdOf(params), body));
  }

  @Get('quizzes/:course/:slug')
  @ApiOperation({ summary: 'A quiz with its current YAML, full content (tests included) and versions' })
  @ApiOkResponse({ type: AuthoringQuizDetailDto })
  @ApiErrors(400, 404)
  detail(@Param() params: QuizIdParams): Promise<AuthoringQuizDetail> {
    return this.authoring.detail(quizIdOf(params));
  }

  @Get('quizzes/:course/:slug/preview')
  @ApiOperation({ summary: 'The current version exactly as a learner sees it' })
  @ApiOkResponse({ type: AuthoringPreviewDto })
  @ApiErrors(400, 404)
  preview(@Param() params: QuizIdParams): Promise<AuthoringPreview> {
    return this.authoring.preview(quizIdOf(params));
  }

  @Post('quizzes/:course/:slug/publish')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Show the quiz to learners' })
  @ApiOkResponse({ type: AuthoringQuizSummaryDto })
  @ApiErrors(400, 404)
  publish(@Param() params: QuizIdParams): Promise<AuthoringQuizSummary> {
    return this.authoring.setPublished(quizIdOf(params), true);
  }

  @Post('quizzes/:course/:slug/unpublish')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Hide the quiz from learners (their attempts and scores stay)' })
  @ApiOkResponse({ type: AuthoringQuizSummaryDto })
  @ApiErrors(400, 404)
  unpublish(@Param() params: QuizIdParams): Promise<AuthoringQuizSummary> {
    return this.authoring.setPublished(quizIdOf(params), false);
  }
}

function withStatus(response: Response, result: SaveQuizResult): SaveQuizResult {
  response.status(result.outcome === 'created' ? HttpStatus.CREATED : HttpStatus.OK);
  return result;
}
