import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/auth.decorators.js';
import { PaginationQueryDto, toPage, toSkipTake, type Page } from '../common/pagination.dto.js';
import { CatalogRepository } from './catalog.repository.js';
import { CoursePageDto, QuizSummaryPageDto, type CourseDto, type QuizSummaryDto } from './quiz-summary.dto.js';

@ApiTags('quizzes')
@Controller('quizzes')
export class QuizzesController {
  constructor(private readonly catalog: CatalogRepository) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Published quizzes and exercises of the catalogue' })
  @ApiOkResponse({ type: QuizSummaryPageDto })
  async list(@Query() query: PaginationQueryDto): Promise<Page<QuizSummaryDto>> {
    const { skip, take } = toSkipTake(query);
    const { rows, total } = await this.catalog.listPublished(skip, take);
    return toPage(rows, total, query);
  }
}

@ApiTags('quizzes')
@Controller('courses')
export class CoursesController {
  constructor(private readonly catalog: CatalogRepository) {}

  @Get()
  @Public()
  @ApiOperation({ summary: "Courses with a course.yaml: their titles and descriptions (their items: GET /api/me/progress, in the course's order)" })
  @ApiOkResponse({ type: CoursePageDto })
  async list(@Query() query: PaginationQueryDto): Promise<Page<CourseDto>> {
    const { skip, take } = toSkipTake(query);
    const { rows, total } = await this.catalog.listCourses(skip, take);
    return toPage(rows, total, query);
  }
}
