import { Module } from '@nestjs/common';
import { GradingModule } from '../grading/grading.module.js';
import { ActivityRepository } from './activity.repository.js';
import { ConceptStatsRepository } from './concept-stats.repository.js';
import { DashboardController } from './dashboard.controller.js';
import { DashboardService } from './dashboard.service.js';
import { GradingStatusController } from './grading-status.controller.js';
import { GradingStatusRepository } from './grading-status.repository.js';
import { GradingStatusService } from './grading-status.service.js';
import { LearnerStatsRepository } from './learner-stats.repository.js';
import { LearnerWorkController } from './learner-work.controller.js';
import { LearnerWorkRepository } from './learner-work.repository.js';
import { LearnerWorkService } from './learner-work.service.js';
import { QuestionStatsRepository } from './question-stats.repository.js';
import { QuestionStatsService } from './question-stats.service.js';
import { QuizStatsRepository } from './quiz-stats.repository.js';
import { QuizStatsService } from './quiz-stats.service.js';
import { ScoresExportController } from './scores-export.controller.js';
import { ScoresExportRepository } from './scores-export.repository.js';
import { ScoresExportService } from './scores-export.service.js';

/** Admin-only dashboards (JSON aggregates computed by the database), the scores CSV and grading status. */
@Module({
  imports: [GradingModule],
  controllers: [DashboardController, ScoresExportController, GradingStatusController, LearnerWorkController],
  providers: [
    QuizStatsRepository,
    QuizStatsService,
    QuestionStatsRepository,
    QuestionStatsService,
    ConceptStatsRepository,
    LearnerStatsRepository,
    ActivityRepository,
    DashboardService,
    ScoresExportRepository,
    ScoresExportService,
    GradingStatusRepository,
    GradingStatusService,
    LearnerWorkRepository,
    LearnerWorkService,
  ],
})
export class DashboardModule {}
