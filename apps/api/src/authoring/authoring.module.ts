import { Module } from '@nestjs/common';
import { LtiOutboxModule } from '../lti/lti-outbox.module.js';
import { CatalogModule } from '../catalog/catalog.module.js';
import { GradingModule } from '../grading/grading.module.js';
import { CodeThrottleGuard } from '../submissions/code-throttle.guard.js';
import { AuthoringCodeController } from './authoring-code.controller.js';
import { AuthoringQuizzesController } from './authoring-quizzes.controller.js';
import { AuthoringSubmissionsController } from './authoring-submissions.controller.js';
import { AuthoringRepository } from './authoring.repository.js';
import { AuthoringService } from './authoring.service.js';
import { QuizUploadService } from './quiz-upload.service.js';
import { QuizValidator } from './quiz-validator.service.js';
import { RegradeQuiz } from './regrade-quiz.use-case.js';
import { RegradeRepository } from './regrade.repository.js';
import { TryCode } from './try-code.use-case.js';

/** The instructor's routes under /api/authoring (roles instructor and admin only). */
@Module({
  imports: [CatalogModule, GradingModule, LtiOutboxModule],
  controllers: [AuthoringQuizzesController, AuthoringSubmissionsController, AuthoringCodeController],
  providers: [AuthoringRepository, AuthoringService, QuizValidator, QuizUploadService, RegradeRepository, RegradeQuiz, TryCode, CodeThrottleGuard],
})
export class AuthoringModule {}
