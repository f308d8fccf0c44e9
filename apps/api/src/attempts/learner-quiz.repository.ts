import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/db';
import type { PublishedQuiz } from './attempt.types.js';
import { QUIZ_SELECT, toVersionRecord, VERSION_SELECT } from './quiz-records.js';
import { LEARNER_VISIBLE_QUIZ } from '../catalog/learner-visible.js';

/** Reads published quizzes with their current version for learners. */
@Injectable()
export class LearnerQuizRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** null when unknown, unpublished or without a version: learners cannot tell these apart. */
  async findPublished(id: string): Promise<PublishedQuiz | null> {
    const row = await this.prisma.quiz.findFirst({
      where: { id, ...LEARNER_VISIBLE_QUIZ },
      select: { ...QUIZ_SELECT, currentVersion: { select: VERSION_SELECT } },
    });
    if (!row?.currentVersion) return null;
    const { currentVersion, ...quiz } = row;
    return { ...quiz, version: toVersionRecord(currentVersion) };
  }
}
