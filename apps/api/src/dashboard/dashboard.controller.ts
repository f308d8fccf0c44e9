import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../auth/api-errors.decorator.js';
import { Roles } from '../auth/auth.decorators.js';
import { PaginationQueryDto } from '../common/pagination.dto.js';
import { ActivityQueryDto, LearnerStatsQueryDto, QuestionStatsQueryDto } from './dashboard-query.dto.js';
import { DashboardService } from './dashboard.service.js';
import { ActivityReportDto, LearnerStatsPageDto } from './learner-activity.dto.js';
import { ConceptStatsPageDto, QuestionStatsPageDto } from './question-stats.dto.js';
import { QuestionStatsService } from './question-stats.service.js';
import { QuizStatsPageDto } from './quiz-stats.dto.js';
import { QuizStatsService } from './quiz-stats.service.js';

@ApiTags('admin')
@ApiBearerAuth()
@ApiCookieAuth('access_token')
@Roles('admin')
@ApiErrors(400, 401, 403)
@Controller('admin/dashboard')
export class DashboardController {
  constructor(
    private readonly quizStats: QuizStatsService,
    private readonly questionStats: QuestionStatsService,
    private readonly dashboards: DashboardService,
  ) {}

  @Get('quizzes')
  @ApiOperation({ summary: 'Attempts, learners, mean/median score, completion and score distribution per quiz' })
  @ApiOkResponse({ type: QuizStatsPageDto, description: 'Every quiz (published or not), by course then id' })
  quizzes(@Query() query: PaginationQueryDto): Promise<QuizStatsPageDto> {
    return this.quizStats.list(query);
  }

  @Get('questions')
  @ApiOperation({ summary: 'Pass rate, submissions to pass and most-failed tests per question of a quiz' })
  @ApiOkResponse({ type: QuestionStatsPageDto, description: 'Questions in the order of the current version' })
  @ApiErrors(404)
  questions(@Query() query: QuestionStatsQueryDto): Promise<QuestionStatsPageDto> {
    return this.questionStats.forQuiz(query.quizId, query);
  }

  @Get('concepts')
  @ApiOperation({ summary: 'Answers, test results and failure rate per concept tag' })
  @ApiOkResponse({ type: ConceptStatsPageDto, description: 'Highest failure rate first' })
  concepts(@Query() query: PaginationQueryDto): Promise<ConceptStatsPageDto> {
    return this.dashboards.conceptStats(query);
  }

  // Instructors too: it is how they reach a learner's work (the drill-down), which they may open.
  @Get('learners')
  @Roles('instructor', 'admin')
  @ApiOperation({ summary: 'Attempts, mean score and last activity per learner (sortable); instructors and admins' })
  @ApiOkResponse({ type: LearnerStatsPageDto })
  learners(@Query() query: LearnerStatsQueryDto): Promise<LearnerStatsPageDto> {
    return this.dashboards.learnerStats(query);
  }

  @Get('activity')
  @ApiOperation({ summary: 'Submissions, attempts started/submitted and active learners per UTC day' })
  @ApiOkResponse({ type: ActivityReportDto })
  activity(@Query() query: ActivityQueryDto): Promise<ActivityReportDto> {
    return this.dashboards.activity(query.days);
  }
}
