import { BadRequestException, ConflictException, ForbiddenException, NotFoundException } from '@nestjs/common';
import type { SubmissionOutcome } from '../grading/submission-processor.js';
import { FakeAttempts, publishedQuiz, questionRecord } from '../attempts/testing/fake-attempts.repository.js';
import type { ParsonsQuestion } from '@app/quiz-spec';
import { code, single } from '../attempts/testing/questions.fixture.js';
import type { SubmissionsRepository } from './submissions.repository.js';
import type { CreateOutcome, NewSubmission, SubmissionRecord } from './submission.types.js';
import { SubmitCode, type GradingQueue } from './submit-code.use-case.js';

const NOW = new Date('2026-03-02T00:00:00Z');

/** Stores rows in memory and records the order of events, to prove "stored before enqueued". */
class FakeSubmissions {
  readonly rows = new Map<string, NewSubmission & { status: SubmissionRecord['status'] }>();
  constructor(readonly events: string[]) {}

  async create(submission: NewSubmission, limit: number): Promise<CreateOutcome> {
    const used = [...this.rows.values()].filter((r) => r.kind === 'submit' && r.questionId === submission.questionId && r.status !== 'error').length;
    if (submission.kind === 'submit' && limit > 0 && used >= limit) return { created: false, reason: 'limit_reached', used };
    const id = `s${this.rows.size + 1}`;
    this.rows.set(id, { ...submission, status: 'pending' });
    this.events.push(`stored ${id}`);
    return { created: true, id };
  }

  async pruneOldRuns(attemptId: string): Promise<void> {
    this.events.push(`pruned runs of ${attemptId}`);
  }

  async findOwn(id: string, userId: string): Promise<SubmissionRecord | null> {
    const row = this.rows.get(id);
    if (!row || row.userId !== userId) return null;
    return {
      id, attemptId: row.attemptId, questionKey: 'counter', kind: row.kind, status: row.status, score: null, points: null,
      maxPoints: null, result: null, errorReason: null, createdAt: NOW, gradedAt: null,
    };
  }
}

/** Grades at once (status graded) unless told to time out. */
class FakeQueue implements GradingQueue {
  constructor(readonly events: string[], private readonly store: FakeSubmissions, private readonly finishes = true) {}
  enqueue(id: string): void {
    this.events.push(`enqueued ${id}`);
    if (this.finishes) this.store.rows.get(id)!.status = 'graded';
  }
  async waitFor(id: string): Promise<SubmissionOutcome | undefined> {
    this.events.push(`waiting ${id}`);
    return undefined;
  }
}

/** A Parsons problem graded by running the program its lines make. */
const runParsons: ParsonsQuestion = {
  type: 'parsons', id: 'build', prompt: 'Build it', points: 2, concepts: [], indent: true, partial: true, grading: 'run',
  lines: [{ text: 'def f():', indent: 0 }, { text: 'return 1', indent: 1 }], distractors: [{ text: 'return 2', indent: 0 }],
  tests: [{ name: 'one', expr: 'f()', expected: 1, points: 2 }],
};

function setup({ finishes = true, closes }: { finishes?: boolean; closes?: string } = {}) {
  const quiz = publishedQuiz([questionRecord('q-code', code), questionRecord('q-single', single), questionRecord('q-build', runParsons)], { attempts: 0, closes });
  const attempts = new FakeAttempts(quiz);
  const events: string[] = [];
  const store = new FakeSubmissions(events);
  const useCase = new SubmitCode(attempts.asRepository(), store as unknown as SubmissionsRepository, new FakeQueue(events, store, finishes), 10);
  return { attempts, store, events, useCase, attempt: attempts.add('u1') };
}

describe(SubmitCode.name, () => {
  it('stores the submission as pending before it is enqueued, and returns the verdict', async () => {
    const { useCase, attempt, events } = setup();
    const result = await useCase.execute('u1', attempt.id, 'counter', 'def make_counter(): ...', 'submit', NOW);
    expect(events).toEqual(['stored s1', 'waiting s1', 'enqueued s1']);
    expect(result).toMatchObject({ id: 's1', status: 'graded', kind: 'submit' });
  });

  it('returns the pending submission with a poll URL when grading takes longer than the wait', async () => {
    const { useCase, attempt } = setup({ finishes: false });
    await expect(useCase.execute('u1', attempt.id, 'counter', 'x = 1', 'submit', NOW)).resolves.toMatchObject({ status: 'pending', poll: '/api/submissions/s1' });
  });

  it("enforces the question's submission limit (409) but not for runs", async () => {
    const { useCase, attempt } = setup();
    await useCase.execute('u1', attempt.id, 'counter', 'a', 'submit', NOW);
    await useCase.execute('u1', attempt.id, 'counter', 'b', 'submit', NOW);
    await expect(useCase.execute('u1', attempt.id, 'counter', 'c', 'submit', NOW)).rejects.toThrow(/Submission limit reached: you have used all 2/);
    await expect(useCase.execute('u1', attempt.id, 'counter', 'd', 'run', NOW)).resolves.toMatchObject({ kind: 'run' });
  });

  it('refuses code for a submitted attempt (409) or a closed quiz (403); runs stay allowed', async () => {
    const { useCase, attempts } = setup({ closes: '2026-03-01T00:00:00Z' });
    const open = attempts.add('u1');
    await expect(useCase.execute('u1', open.id, 'counter', 'a', 'submit', NOW)).rejects.toThrow(ForbiddenException);
    const submitted = attempts.add('u1', { status: 'submitted' });
    await expect(useCase.execute('u1', submitted.id, 'counter', 'a', 'submit', NOW)).rejects.toThrow(ConflictException);
    await expect(useCase.execute('u1', submitted.id, 'counter', 'a', 'run', NOW)).resolves.toMatchObject({ kind: 'run' });
  });

  it('stores a run-graded Parsons problem as the program its lines make; never free code, and lines only for it', async () => {
    const { useCase, attempt, store } = setup();
    const lines = [{ line: 'def f():', indent: 0 }, { line: 'return 2', indent: 1 }];
    await expect(useCase.execute('u1', attempt.id, 'build', { lines }, 'submit', NOW)).resolves.toMatchObject({ status: 'graded' });
    expect([...store.rows.values()].map((row) => row.source)).toEqual(['def f():\n    return 2\n']);
    await expect(useCase.execute('u1', attempt.id, 'build', 'import os', 'submit', NOW)).rejects.toThrow(/is a Parsons problem: send the lines/);
    await expect(useCase.execute('u1', attempt.id, 'build', { lines: [{ line: 'import os', indent: 0 }] }, 'submit', NOW)).rejects.toThrow(/only the lines given/);
    await expect(useCase.execute('u1', attempt.id, 'build', { lines }, 'run', NOW)).rejects.toThrow(/no visible tests to run/);
    await expect(useCase.execute('u1', attempt.id, 'counter', { lines }, 'submit', NOW)).rejects.toThrow(/send its code as source/);
    expect(store.rows.size).toBe(1);
  });

  it('refuses code and lines sent after an exam deadline (403)', async () => {
    const { useCase, attempts } = setup();
    const late = attempts.add('u1', { deadlineAt: new Date(NOW.getTime() - 1000) });
    await expect(useCase.execute('u1', late.id, 'counter', 'a', 'submit', NOW)).rejects.toThrow(/Time is up/);
    await expect(useCase.execute('u1', late.id, 'build', { lines: [{ line: 'def f():', indent: 0 }] }, 'submit', NOW)).rejects.toThrow(/Time is up/);
  });

  it("answers 404 for another learner's attempt or submission, 400 for a non-code question", async () => {
    const { useCase, attempt } = setup();
    await expect(useCase.execute('u2', attempt.id, 'counter', 'a', 'submit', NOW)).rejects.toThrow(NotFoundException);
    await expect(useCase.execute('u1', attempt.id, 'pick', 'a', 'submit', NOW)).rejects.toThrow(BadRequestException);
    const mine = await useCase.execute('u1', attempt.id, 'counter', 'a', 'run', NOW);
    await expect(useCase.getOwn('u2', mine.id)).rejects.toThrow(NotFoundException);
  });
});
