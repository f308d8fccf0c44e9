import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ExamAdmin } from '@app/contracts';
import { ApiErrors } from '../auth/api-errors.decorator.js';
import { Roles } from '../auth/auth.decorators.js';
import { QuizIdParams, quizIdOf } from '../authoring/authoring-request.dto.js';
import { AccommodationDto, ExamAdminDto, ReleaseDto } from './exams.dto.js';
import { ExamsService } from './exams.service.js';

@ApiTags('authoring')
@ApiBearerAuth()
@ApiCookieAuth('access_token')
@Roles('instructor', 'admin')
@ApiErrors(401, 403)
@Controller('authoring/exams')
export class ExamsController {
  constructor(private readonly exams: ExamsService) {}

  @Get(':course/:slug')
  @ApiOperation({ summary: "An exam's settings, whether its scores are released, and its accommodations" })
  @ApiOkResponse({ type: ExamAdminDto })
  @ApiErrors(400, 404)
  get(@Param() params: QuizIdParams): Promise<ExamAdmin> {
    return this.exams.get(quizIdOf(params));
  }

  @Put(':course/:slug/release')
  @ApiOperation({ summary: 'Release the scores and feedback of an exam to learners (or hide them again)' })
  @ApiOkResponse({ type: ExamAdminDto })
  @ApiErrors(400, 404, 422)
  release(@Param() params: QuizIdParams, @Body() body: ReleaseDto): Promise<ExamAdmin> {
    return this.exams.setRelease(quizIdOf(params), body.released);
  }

  @Put(':course/:slug/accommodations')
  @ApiOperation({
    summary: 'Give one learner extra minutes and/or extra attempts on this quiz',
    description: 'Applies to attempts started afterwards. Zero and zero removes the accommodation.',
  })
  @ApiOkResponse({ type: ExamAdminDto })
  @ApiErrors(400, 404)
  accommodate(@Param() params: QuizIdParams, @Body() body: AccommodationDto): Promise<ExamAdmin> {
    return this.exams.setAccommodation(quizIdOf(params), body);
  }
}
