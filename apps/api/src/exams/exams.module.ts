import { Module } from '@nestjs/common';
import { LtiOutboxModule } from '../lti/lti-outbox.module.js';
import { ExamsController } from './exams.controller.js';
import { ExamsRepository } from './exams.repository.js';
import { ExamsService } from './exams.service.js';

/** The instructor's exam routes under /api/authoring/exams (release, accommodations). */
@Module({ imports: [LtiOutboxModule], controllers: [ExamsController], providers: [ExamsRepository, ExamsService] })
export class ExamsModule {}
