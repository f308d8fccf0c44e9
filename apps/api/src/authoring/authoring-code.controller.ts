import { Body, Controller, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthoringCodeQuestion, AuthoringCodeRun } from '@app/contracts';
import { ApiErrors } from '../auth/api-errors.decorator.js';
import { Roles } from '../auth/auth.decorators.js';
import { CodeThrottleGuard } from '../submissions/code-throttle.guard.js';
import { AuthoringCodeQuestionDto, AuthoringCodeRunDto, DraftYamlDto, TryCodeDto } from './try-code.dto.js';
import { TryCode } from './try-code.use-case.js';

/** The editor's code runner: code graded against a draft's tests, nothing stored. */
@ApiTags('authoring')
@ApiBearerAuth()
@ApiCookieAuth('access_token')
@Roles('instructor', 'admin')
@ApiErrors(401, 403)
@Controller('authoring/code')
export class AuthoringCodeController {
  constructor(private readonly tryCode: TryCode) {}

  @Post('questions')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'The code questions of a YAML file (saved or not) with their reference and wrong solutions' })
  @ApiOkResponse({ type: [AuthoringCodeQuestionDto] })
  @ApiErrors(400, 413, 422)
  questions(@Body() body: DraftYamlDto): Promise<AuthoringCodeQuestion[]> {
    return this.tryCode.questions(body.yaml);
  }

  @Post('try')
  @HttpCode(HttpStatus.OK)
  @UseGuards(CodeThrottleGuard)
  @ApiOperation({
    summary: 'Grade any source against every test of one code question of a YAML file, hidden tests shown; stores nothing',
    description: 'Rate-limited with the learner runs (CODE_RUNS_PER_MINUTE per user); 422 when the YAML has errors.',
  })
  @ApiOkResponse({ type: AuthoringCodeRunDto })
  @ApiErrors(400, 404, 413, 422, 429, 503)
  try(@Body() body: TryCodeDto): Promise<AuthoringCodeRun> {
    return this.tryCode.run(body.yaml, body.question, body.source);
  }
}
