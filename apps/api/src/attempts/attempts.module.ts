import { Module } from '@nestjs/common';
import { LtiOutboxModule } from '../lti/lti-outbox.module.js';
import { AnswerQuestion } from './answer-question.use-case.js';
import { AttemptsController } from './attempts.controller.js';
import { AttemptsRepository } from './attempts.repository.js';
import { AttemptsService } from './attempts.service.js';
import { ExpireAttempts } from './expire-attempts.service.js';
import { FinishAttempt } from './finish-attempt.use-case.js';
import { LearnerQuizRepository } from './learner-quiz.repository.js';
import { LearnerQuizzesController } from './learner-quizzes.controller.js';
import { AttemptStartLimit } from './attempt-start-limit.js';
import { ScoreAsItGoes } from './score-as-it-goes.use-case.js';
import { StartAttempt } from './start-attempt.use-case.js';

/** Quiz views for learners, attempts and answers to non-code questions. */
@Module({
  imports: [LtiOutboxModule],
  controllers: [LearnerQuizzesController, AttemptsController],
  providers: [AttemptsService, AttemptsRepository, LearnerQuizRepository, StartAttempt, AnswerQuestion, FinishAttempt, ExpireAttempts, ScoreAsItGoes,
    AttemptStartLimit],
  exports: [AttemptsRepository, LearnerQuizRepository, ExpireAttempts, ScoreAsItGoes],
})
export class AttemptsModule {}
