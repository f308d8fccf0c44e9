import { BadRequestException, ConflictException, ForbiddenException, NotFoundException } from '@nestjs/common';
import type { ParsonsQuestion } from '@app/quiz-spec';
import type { QuizSettings } from '../attempts/attempt.types.js';
import { FakeAttempts, publishedQuiz, questionRecord } from '../attempts/testing/fake-attempts.repository.js';
import { code, single } from '../attempts/testing/questions.fixture.js';
import type { CodeWorkRepository, EarlierCodeRecord, SubmissionWithSource } from './code-work.repository.js';
import { CodeWorkService } from './code-work.service.js';

const NOW = new Date('2026-03-02T00:00:00Z');

/** In-memory drafts and submissions standing in for the repository's SQL. */
class FakeCodeWork {
  drafts = new Map<string, { questionId: string; source: string; updatedAt: Date }>();
  submissions: SubmissionWithSource[] = [];
  earlier: EarlierCodeRecord[] = [];
  async saveDraft(attemptId: string, questionId: string, source: string) {
    this.drafts.set(`${attemptId}/${questionId}`, { questionId, source, updatedAt: NOW });
    return NOW;
  }
  async findDrafts(attemptId: string) {
    return [...this.drafts.entries()].filter(([key]) => key.startsWith(`${attemptId}/`)).map(([, draft]) => draft);
  }
  async latestSubmissions(attemptId: string) {
    return this.submissions.filter((s) => s.attemptId === attemptId);
  }
  async earlierSubmissions() {
    return this.earlier;
  }
}

/** A Parsons problem graded by running its program; one checked by order has no code work. */
const runParsons: ParsonsQuestion = {
  type: 'parsons', id: 'build', prompt: 'Build it', points: 2, concepts: [], indent: true, partial: true, grading: 'run',
  lines: [{ text: 'def f():', indent: 0 }, { text: 'return 1', indent: 1 }], distractors: [],
  tests: [{ name: 'one', expr: 'f()', expected: 1, points: 2 }],
};
const orderParsons: ParsonsQuestion = { ...runParsons, id: 'order', grading: 'order', tests: [] };

function setup(settings: QuizSettings = { attempts: 0 }) {
  const attempts = new FakeAttempts(publishedQuiz([questionRecord('q-single', single), questionRecord('q-code', code),
    questionRecord('q-build', runParsons), questionRecord('q-order', orderParsons)], settings));
  const work = new FakeCodeWork();
  return { attempts, work, service: new CodeWorkService(attempts.asRepository(), work as unknown as CodeWorkRepository) };
}

function graded(attemptId: string, kind: 'run' | 'submit', source: string): SubmissionWithSource {
  const test = { name: 'hidden_ten', visibility: 'hidden' as const, status: 'fail' as const, message: 'wrong\nTEST_FEEDBACK', feedback: 'TEST_FEEDBACK', output: 'printed', score: 0, max_score: 3 };
  return {
    id: `${kind}-1`, attemptId, questionKey: 'counter', kind, status: 'graded', score: kind === 'submit' ? 0.25 : null, points: kind === 'submit' ? 1 : null,
    maxPoints: kind === 'submit' ? 4 : null, result: { tests: [test], message: '' } as never, errorReason: null,
    createdAt: NOW, gradedAt: NOW, source,
  };
}

describe(CodeWorkService.name, () => {
  it('saves a draft of a code question of one’s own attempt in progress, and refuses everything else', async () => {
    const { service, attempts, work } = setup();
    const mine = attempts.add('u1');
    expect(await service.saveDraft('u1', mine.id, 'counter', 'def x(): ...', NOW)).toEqual({ questionKey: 'counter', source: 'def x(): ...', savedAt: NOW.toISOString() });
    expect(work.drafts.get(`${mine.id}/q-code`)?.source).toBe('def x(): ...');

    await expect(service.saveDraft('u2', mine.id, 'counter', 'x', NOW)).rejects.toThrow(NotFoundException);
    await expect(service.saveDraft('u1', mine.id, 'nope', 'x', NOW)).rejects.toThrow(NotFoundException);
    await expect(service.saveDraft('u1', mine.id, single.id, 'x', NOW)).rejects.toThrow(BadRequestException);
    const finished = attempts.add('u1', { status: 'submitted' });
    await expect(service.saveDraft('u1', finished.id, 'counter', 'x', NOW)).rejects.toThrow(ConflictException);
    const overdue = attempts.add('u1', { deadlineAt: new Date(NOW.getTime() - 1) });
    await expect(service.saveDraft('u1', overdue.id, 'counter', 'x', NOW)).rejects.toThrow(ForbiddenException);
  });

  it('reads back the code work of code questions and run-graded Parsons problems only, and offers earlier code only to a fresh attempt in progress', async () => {
    const { service, attempts, work } = setup();
    const fresh = attempts.add('u1');
    work.earlier = [{ questionKey: 'counter', attemptId: 'attempt-0', source: 'last time', createdAt: NOW }];
    expect((await service.codeOf('u1', fresh.id, NOW)).questions).toEqual([
      { questionKey: 'counter', draft: null, lastRun: null, lastSubmission: null, earlier: { attemptId: 'attempt-0', source: 'last time', createdAt: NOW.toISOString() } },
      { questionKey: 'build', draft: null, lastRun: null, lastSubmission: null, earlier: null },
    ]);
    work.submissions.push(graded(fresh.id, 'run', 'run code'));
    const [withRun] = (await service.codeOf('u1', fresh.id, NOW)).questions;
    expect(withRun).toMatchObject({ earlier: null, lastRun: { kind: 'run', source: 'run code', total: 1 } });
    // Hidden tests never show their output, here as anywhere.
    expect(withRun!.lastRun!.tests[0]).toMatchObject({ visibility: 'hidden', output: '' });

    const finished = attempts.add('u1', { status: 'submitted' });
    expect((await service.codeOf('u1', finished.id, NOW)).questions[0]!.earlier).toBeNull();
    await expect(service.codeOf('u2', fresh.id, NOW)).rejects.toThrow(NotFoundException);
  });

  it('reads back the program last sent for a Parsons problem graded by running (its board is laid out again from it)', async () => {
    const { service, attempts, work } = setup();
    const attempt = attempts.add('u1');
    work.submissions.push({ ...graded(attempt.id, 'submit', 'def f():\n    return 1\n'), questionKey: 'build' });
    const build = (await service.codeOf('u1', attempt.id, NOW)).questions.find((w) => w.questionKey === 'build');
    expect(build?.lastSubmission).toMatchObject({ kind: 'submit', source: 'def f():\n    return 1\n', points: 1 });
  });

  it('withholds an exam submission’s verdict until release but shows its code', async () => {
    const { service, attempts, work } = setup({ attempts: 0, exam: { minutes: 10, visible_tests: true, hide_scores: true, one_at_a_time: false } });
    const attempt = attempts.add('u1', { status: 'submitted' });
    work.submissions.push(graded(attempt.id, 'submit', 'my code'));
    const [hidden] = (await service.codeOf('u1', attempt.id, NOW)).questions;
    expect(hidden!.lastSubmission).toMatchObject({ source: 'my code', score: null, points: null, tests: [] });
    expect(JSON.stringify(hidden)).not.toContain('TEST_FEEDBACK');

    attempt.quiz.scoresReleasedAt = new Date(NOW.getTime() - 1);
    const [released] = (await service.codeOf('u1', attempt.id, NOW)).questions;
    expect(released!.lastSubmission).toMatchObject({ source: 'my code', score: 0.25, points: 1, maxPoints: 4 });
    expect(released!.lastSubmission!.tests[0]!.feedback).toBe('TEST_FEEDBACK');
  });
});
