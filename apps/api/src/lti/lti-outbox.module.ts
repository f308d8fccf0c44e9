import { Module } from '@nestjs/common';
import { LtiScoresRepository } from './lti-scores.repository.js';
import { ScoreOutbox } from './score-outbox.js';

/** The score outbox alone, so the attempts module can fill it without importing all of LTI. */
@Module({
  providers: [LtiScoresRepository, ScoreOutbox],
  exports: [LtiScoresRepository, ScoreOutbox],
})
export class LtiOutboxModule {}
