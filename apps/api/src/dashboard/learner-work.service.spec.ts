import { NotFoundException } from '@nestjs/common';
import type { LearnerWorkRepository, SubmissionRow } from './learner-work.repository.js';
import { LearnerWorkService } from './learner-work.service.js';

const submission: SubmissionRow = {
  id: 's1',
  attemptId: 'a1',
  kind: 'submit',
  status: 'graded',
  points: 1,
  maxPoints: 3,
  source: 'def f():\n    return 1\n',
  result: {
    tests: [
      { name: 'visible', visibility: 'visible', status: 'pass', message: '' },
      { name: 'hidden', visibility: 'hidden', status: 'fail', message: 'Think again.' },
      { name: 'skipped', visibility: 'hidden', status: 'skipped', message: '' },
    ],
  },
  createdAt: new Date('2026-01-02T03:04:05Z'),
  question: { key: 'q1', quizVersion: { quizId: 'c/q' } },
};

describe(LearnerWorkService.name, () => {
  function service(exists: boolean) {
    const calls: unknown[][] = [];
    const repository = {
      userExists: async () => exists,
      attempts: async () => ({ rows: [], total: 0 }),
      submissions: async (...args: unknown[]) => (calls.push(args), { rows: [submission, { ...submission, id: 's2', status: 'error', result: null }], total: 12 }),
    } as unknown as LearnerWorkRepository;
    return { work: new LearnerWorkService(repository), calls };
  }

  it("pages a learner's code with its source and per-test verdicts (skipped tests count for nothing)", async () => {
    const { work, calls } = service(true);
    const page = await work.submissions('u1', 'a1', { page: 2, pageSize: 10 });
    expect(calls).toEqual([['u1', 'a1', 10, 10]]);
    expect(page).toMatchObject({ total: 12, page: 2, pageSize: 10 });
    expect(page.items[0]).toMatchObject({ quizId: 'c/q', questionKey: 'q1', source: submission.source, passed: 1, total: 2, createdAt: '2026-01-02T03:04:05.000Z' });
    expect(page.items[0]!.tests[1]).toEqual({ name: 'hidden', visibility: 'hidden', status: 'fail', message: 'Think again.' });
    expect(page.items[1]).toMatchObject({ status: 'error', tests: [], passed: 0, total: 0 });
  });

  it('answers 404 for a user that does not exist', async () => {
    const { work } = service(false);
    await expect(work.attempts('u1', { page: 1, pageSize: 20 })).rejects.toBeInstanceOf(NotFoundException);
    await expect(work.submissions('u1', undefined, { page: 1, pageSize: 20 })).rejects.toBeInstanceOf(NotFoundException);
  });
});
