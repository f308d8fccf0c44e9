import type { ExamSettings, Question } from '@app/quiz-spec';
import type { QuestionRecord, QuizSettings, QuizVersionRecord } from './attempt.types.js';

/** Prisma `select` of a version with what the learner flow needs (no YAML source). */
export const VERSION_SELECT = {
  id: true,
  version: true,
  content: true,
  questions: { orderBy: { position: 'asc' }, select: { id: true, key: true, position: true, points: true, content: true } },
} as const;

export const QUIZ_SELECT = { id: true, kind: true, title: true, course: true, scoresReleasedAt: true } as const;

interface VersionRow {
  id: string;
  version: number;
  content: unknown;
  questions: { id: string; key: string; position: number; points: number; content: unknown }[];
}

/** The stored content is the quiz-spec model (a Quiz or an Exercise); only its access settings are read here. */
export function toSettings(content: unknown): QuizSettings {
  const item = (content ?? {}) as { attempts?: number; opens?: string; closes?: string; exam?: ExamSettings };
  const settings: QuizSettings = { attempts: item.attempts ?? 0 };
  if (item.opens !== undefined) settings.opens = item.opens;
  if (item.closes !== undefined) settings.closes = item.closes;
  if (item.exam !== undefined) settings.exam = { ...item.exam };
  return settings;
}

export function toVersionRecord(row: VersionRow): QuizVersionRecord {
  return {
    id: row.id,
    version: row.version,
    settings: toSettings(row.content),
    questions: row.questions.map(
      (q): QuestionRecord => ({ id: q.id, key: q.key, position: q.position, points: q.points, content: q.content as Question }),
    ),
  };
}
