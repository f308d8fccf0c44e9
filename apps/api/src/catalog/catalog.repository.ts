import { Injectable } from '@nestjs/common';
import { PrismaService } from '@app/db';
import type { CourseItem, Question } from '@app/quiz-spec';
import type { Placement } from '@app/quiz-spec';
import { COURSE_ORDER } from './course-order.js';
import { LEARNER_VISIBLE_QUIZ } from './learner-visible.js';

export interface VersionInput {
  item: CourseItem;
  course: string;
  hash: string;
  sourceYaml: string;
  /**
   * Keep an existing quiz's publish state instead of the file's `published:` (an instructor's new
   * version through the editor: the Publish button, not the YAML, decides what learners see).
   */
  keepPublished?: boolean;
}

export type SaveOutcome = 'created' | 'unchanged';

export interface PublishedQuizRow {
  id: string;
  title: string;
  kind: 'quiz' | 'exercise';
  course: string;
  itemCount: number;
}

function questionsOf(item: CourseItem): Question[] {
  return item.kind === 'exercise' ? [item.question] : item.questions;
}

/** Quizzes and their immutable versions; the only catalog code that touches Prisma. */
@Injectable()
export class CatalogRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Stores a version unless one with the same content hash exists. A hash seen before keeps its
   * version (and leaves the current one alone, so an instructor's published upload survives a restart).
   */
  async saveVersion({ item, course, hash, sourceYaml, keepPublished = false }: VersionInput): Promise<SaveOutcome> {
    return this.prisma.$transaction(async (tx) => {
      const known = await tx.quizVersion.findUnique({ where: { quizId_contentHash: { quizId: item.id, contentHash: hash } }, select: { id: true } });
      if (known) return 'unchanged';
      await tx.quiz.upsert({
        where: { id: item.id },
        create: { id: item.id, kind: item.kind, title: item.title, course, published: item.published },
        update: { kind: item.kind, title: item.title, course, ...(keepPublished ? {} : { published: item.published }) },
      });
      const latest = await tx.quizVersion.aggregate({ where: { quizId: item.id }, _max: { version: true } });
      const version = await tx.quizVersion.create({
        data: {
          quizId: item.id,
          version: (latest._max.version ?? 0) + 1,
          contentHash: hash,
          content: item as object,
          sourceYaml,
          questions: {
            create: questionsOf(item).map((question, position) => ({
              key: question.id,
              type: question.type,
              position,
              points: question.points,
              concepts: question.concepts,
              content: question as object,
            })),
          },
        },
        select: { id: true },
      });
      await tx.quiz.update({ where: { id: item.id }, data: { currentVersionId: version.id } });
      return 'created';
    });
  }

  /**
   * Places the items of one course as its course.yaml lists them (or unplaces them all, without
   * one): every sync, whether or not a file changed, since only the outline may have.
   */
  async placeCourse(course: string, placements: Map<string, Placement>): Promise<void> {
    await this.prisma.$transaction([
      this.prisma.quiz.updateMany({ where: { course, id: { notIn: [...placements.keys()] } }, data: { position: null, section: null } }),
      ...[...placements].map(([id, { position, section }]) => this.prisma.quiz.updateMany({ where: { id, course }, data: { position, section } })),
    ]);
  }

  async listPublished(skip: number, take: number): Promise<{ rows: PublishedQuizRow[]; total: number }> {
    const where = LEARNER_VISIBLE_QUIZ;
    const [quizzes, total] = await Promise.all([
      this.prisma.quiz.findMany({
        where,
        orderBy: COURSE_ORDER,
        skip,
        take,
        select: { id: true, title: true, kind: true, course: true, currentVersion: { select: { _count: { select: { questions: true } } } } },
      }),
      this.prisma.quiz.count({ where }),
    ]);
    const rows = quizzes.map((quiz) => ({
      id: quiz.id,
      title: quiz.title,
      kind: quiz.kind,
      course: quiz.course,
      itemCount: quiz.currentVersion?._count.questions ?? 0,
    }));
    return { rows, total };
  }
}
