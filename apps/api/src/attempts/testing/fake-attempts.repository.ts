import type { Question } from '@app/quiz-spec';
import type { AttemptRecord, NewAnswer, OwnQuestion, PublishedQuiz, QuestionRecord, QuizSettings } from '../attempt.types.js';
import type { CodeBest } from '../attempt-scoring.js';
import type { AttemptsRepository, BestScoreRecord } from '../attempts.repository.js';
import type { LearnerQuizRepository } from '../learner-quiz.repository.js';

/** Test doubles of the attempt repositories: plain in-memory state, no database. */

export function questionRecord(id: string, content: Question): QuestionRecord {
  return { id, key: content.id, position: 0, points: content.points, content };
}

export function publishedQuiz(questions: QuestionRecord[], settings: QuizSettings = { attempts: 0 }): PublishedQuiz {
  return {
    id: 'course/quiz',
    kind: 'quiz',
    title: 'A quiz',
    course: 'course',
    scoresReleasedAt: null,
    version: { id: 'version-1', version: 1, settings, questions: questions.map((q, position) => ({ ...q, position })) },
  };
}

export interface FakeSubmission {
  attemptId: string;
  questionId: string;
  status: 'pending' | 'grading' | 'graded' | 'error';
  score: number | null;
  /** Set by a regrade against a later version (see CodeBest). */
  regradedMax?: number;
}

export class FakeQuizzes {
  constructor(public quiz: PublishedQuiz | null) {}

  async findPublished(id: string): Promise<PublishedQuiz | null> {
    return this.quiz?.id === id ? this.quiz : null;
  }

  asRepository(): LearnerQuizRepository {
    return this as unknown as LearnerQuizRepository;
  }
}

export class FakeAttempts {
  readonly attempts = new Map<string, AttemptRecord>();
  readonly submissions: FakeSubmission[] = [];
  readonly best = new Map<string, BestScoreRecord & { attemptId: string }>();
  private nextId = 1;

  constructor(private readonly quiz: PublishedQuiz) {}

  /** Seeds an attempt of `userId` on the quiz's version. */
  add(userId: string, patch: Partial<AttemptRecord> = {}): AttemptRecord {
    const { version, ...quiz } = this.quiz;
    const attempt: AttemptRecord = {
      id: `attempt-${this.nextId++}`, userId, status: 'in_progress', score: null, maxScore: null,
      startedAt: new Date('2026-01-01T00:00:00Z'), submittedAt: null, deadlineAt: null, timedOut: false, completedAt: null, variantSeed: 0, quiz, version, answers: [], ...patch,
    };
    this.attempts.set(attempt.id, attempt);
    return attempt;
  }

  async exclusive<T>(_userId: string, _quizId: string, work: (tx: never) => Promise<T>): Promise<T> {
    return work(undefined as never);
  }
  async transaction<T>(work: (tx: never) => Promise<T>): Promise<T> {
    return work(undefined as never);
  }
  async findInProgressId(userId: string): Promise<string | null> {
    return [...this.attempts.values()].find((a) => a.userId === userId && a.status === 'in_progress')?.id ?? null;
  }
  async countForQuiz(userId: string): Promise<number> {
    return [...this.attempts.values()].filter((a) => a.userId === userId).length;
  }
  readonly accommodations = new Map<string, { extraMinutes: number; extraAttempts: number }>();
  async create(userId: string, _version: string, _tx?: unknown, timing: { startedAt?: Date; deadlineAt?: Date | null } = {}): Promise<string> {
    return this.add(userId, timing).id;
  }
  async findAccommodation(userId: string, quizId: string): Promise<{ extraMinutes: number; extraAttempts: number } | null> {
    return this.accommodations.get(`${userId}|${quizId}`) ?? null;
  }
  async findOwn(id: string, userId: string): Promise<AttemptRecord | null> {
    const attempt = this.attempts.get(id);
    return attempt?.userId === userId ? structuredClone(attempt) : null;
  }
  async findById(id: string): Promise<AttemptRecord | null> {
    const attempt = this.attempts.get(id);
    return attempt ? structuredClone(attempt) : null;
  }
  async findOwnQuestion(id: string, userId: string, key: string, now = new Date()): Promise<OwnQuestion | null> {
    const attempt = await this.findOwn(id, userId);
    if (!attempt) return null;
    const found = attempt.version.questions.find((q) => q.key === key);
    const content = found?.content;
    const question = found && content
      ? { id: found.id, key: found.key, type: content.type, attempts: content.type === 'code' || content.type === 'parsons' ? (content.attempts ?? 0) : 0, ...(content.type === 'parsons' ? { parsons: content } : {}) }
      : null;
    const examInProgressElsewhere = [...this.attempts.values()].some((other) => other.userId === userId && other.id !== id
      && other.status === 'in_progress' && other.deadlineAt !== null && other.deadlineAt > now);
    return { attempt: { id, status: attempt.status, deadlineAt: attempt.deadlineAt, variantSeed: attempt.variantSeed, settings: attempt.version.settings }, question, examInProgressElsewhere };
  }
  async findOverdue(now: Date): Promise<{ id: string; userId: string }[]> {
    return [...this.attempts.values()].filter((a) => a.status === 'in_progress' && a.deadlineAt !== null && a.deadlineAt <= now).map(({ id, userId }) => ({ id, userId }));
  }
  async lockInProgress(id: string): Promise<boolean> {
    return this.attempts.get(id)?.status === 'in_progress';
  }
  async createAnswer({ attemptId, ...answer }: NewAnswer, afterStore?: (tx: never) => Promise<unknown>): Promise<boolean> {
    const attempt = this.attempts.get(attemptId)!;
    if (attempt.status !== 'in_progress') return false;
    attempt.answers.push(answer);
    if (afterStore) await afterStore(undefined as never);
    return true;
  }
  async bestCodeScores(attemptId: string): Promise<Map<string, CodeBest>> {
    const best = new Map<string, CodeBest>();
    for (const s of this.submissions.filter((s) => s.attemptId === attemptId && s.status === 'graded')) {
      const current = best.get(s.questionId);
      if (!current || (s.score ?? 0) > current.score) best.set(s.questionId, { score: s.score ?? 0, regradedMax: s.regradedMax ?? null });
    }
    return best;
  }
  async saveScore(id: string, score: { score: number; maxScore: number }, completedAt: Date | null): Promise<void> {
    const attempt = this.attempts.get(id)!;
    Object.assign(attempt, score, { completedAt: attempt.completedAt ?? completedAt });
  }
  async countUngraded(attemptId: string): Promise<number> {
    return this.submissions.filter((s) => s.attemptId === attemptId && (s.status === 'pending' || s.status === 'grading')).length;
  }
  async markSubmitted(id: string, score: number, maxScore: number, now: Date, _tx?: unknown, timedOut = false): Promise<void> {
    const attempt = this.attempts.get(id)!;
    Object.assign(attempt, { status: 'submitted', score, maxScore, submittedAt: now, timedOut, completedAt: attempt.completedAt ?? now });
  }
  async findBestScore(userId: string, quizId: string): Promise<BestScoreRecord | null> {
    return this.best.get(`${userId}|${quizId}`) ?? null;
  }
  async saveBestScore(userId: string, quizId: string, attemptId: string, best: BestScoreRecord): Promise<void> {
    this.best.set(`${userId}|${quizId}`, { ...best, attemptId });
  }

  asRepository(): AttemptsRepository {
    return this as unknown as AttemptsRepository;
  }
}
