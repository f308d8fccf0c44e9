import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from '@app/db';

/**
 * Plausible learner history for demos and dashboard benchmarks: learners of varying skill take the
 * published quizzes over the last days; choice answers are right or wrong, code questions get
 * submissions (with per-test results) until they pass or the learner gives up. The verdicts are
 * invented (no code is run): never use this data for anything but demos.
 */
export interface DemoOptions {
  learners: number;
  days: number;
  /** Same seed, same history. */
  seed: number;
  passwordHash: string;
  emailPrefix: string;
  now?: Date;
}

export interface DemoCounts {
  users: number;
  attempts: number;
  answers: number;
  submissions: number;
  testResults: number;
}

interface DemoQuestion {
  id: string;
  type: string;
  points: number;
  concepts: string[];
  testNames: string[];
}

interface Rows {
  users: Prisma.UserCreateManyInput[];
  attempts: Prisma.AttemptCreateManyInput[];
  answers: Prisma.AnswerCreateManyInput[];
  submissions: Prisma.SubmissionCreateManyInput[];
  testResults: Prisma.TestResultCreateManyInput[];
}

/** mulberry32: a tiny seeded PRNG, so a demo can be reproduced. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function testNamesOf(content: unknown): string[] {
  const question = content as { examples?: { name: string }[]; tests?: { name: string }[] };
  return [...(question.examples ?? []), ...(question.tests ?? [])].map((test) => test.name);
}

async function publishedVersions(prisma: PrismaClient): Promise<{ versionId: string; questions: DemoQuestion[] }[]> {
  const quizzes = await prisma.quiz.findMany({
    where: { published: true, currentVersionId: { not: null } },
    select: { currentVersion: { select: { id: true, questions: { orderBy: { position: 'asc' } } } } },
  });
  return quizzes.map(({ currentVersion }) => ({
    versionId: currentVersion!.id,
    questions: currentVersion!.questions.map((q) => ({ id: q.id, type: q.type, points: q.points, concepts: q.concepts, testNames: testNamesOf(q.content) })),
  }));
}

export async function seedDemoHistory(prisma: PrismaClient, options: DemoOptions): Promise<DemoCounts> {
  const random = prng(options.seed);
  const now = (options.now ?? new Date()).getTime();
  const versions = await publishedVersions(prisma);
  const rows: Rows = { users: [], attempts: [], answers: [], submissions: [], testResults: [] };
  for (let index = 1; index <= options.learners; index++) {
    const userId = randomUUID();
    const name = `Demo learner ${String(index).padStart(3, '0')}`;
    rows.users.push({ id: userId, email: `${options.emailPrefix}${String(index).padStart(3, '0')}@example.org`, passwordHash: options.passwordHash, displayName: name });
    const skill = 0.3 + random() * 0.65;
    for (const version of versions) {
      if (random() > 0.6) continue;
      const tries = random() < 0.25 ? 2 : 1;
      for (let attempt = 0; attempt < tries; attempt++) {
        const startedAt = now - Math.floor(random() * options.days * 86_400_000);
        addAttempt(rows, random, { userId, skill, startedAt, now, ...version });
      }
    }
  }
  await insertAll(prisma, rows);
  return { users: rows.users.length, attempts: rows.attempts.length, answers: rows.answers.length, submissions: rows.submissions.length, testResults: rows.testResults.length };
}

interface AttemptPlan {
  userId: string;
  skill: number;
  startedAt: number;
  now: number;
  versionId: string;
  questions: DemoQuestion[];
}

function addAttempt(rows: Rows, random: () => number, plan: AttemptPlan): void {
  const attemptId = randomUUID();
  const submitted = random() < 0.85;
  let clock = plan.startedAt;
  let score = 0;
  for (const question of plan.questions) {
    clock += Math.floor(30_000 + random() * 300_000);
    if (!submitted && random() < 0.5) continue;
    if (question.type === 'code') {
      const passed = addCodeSubmissions(rows, random, { ...plan, attemptId, question, at: clock });
      clock += 600_000;
      if (passed) score += question.points;
      continue;
    }
    const correct = random() < plan.skill;
    if (correct) score += question.points;
    rows.answers.push({ attemptId, questionId: question.id, response: { demo: true }, correct, score: correct ? question.points : 0, points: question.points });
  }
  const maxScore = plan.questions.reduce((sum, question) => sum + question.points, 0);
  const submittedAt = submitted ? Math.min(clock + 60_000, plan.now) : null;
  rows.attempts.push({
    id: attemptId,
    userId: plan.userId,
    quizVersionId: plan.versionId,
    status: submitted ? 'submitted' : 'in_progress',
    score: submitted ? score : null,
    maxScore,
    startedAt: new Date(Math.min(plan.startedAt, plan.now)),
    submittedAt: submittedAt === null ? null : new Date(submittedAt),
    // A finished attempt is complete (docs/scoring.md); the demo's open ones stay unscored.
    completedAt: submittedAt === null ? null : new Date(submittedAt),
  });
}

/** Submissions until one passes (up to four); each failing one fails a random, non-empty set of tests. */
function addCodeSubmissions(rows: Rows, random: () => number, plan: AttemptPlan & { attemptId: string; question: DemoQuestion; at: number }): boolean {
  const names = plan.question.testNames.length > 0 ? plan.question.testNames : ['test_solution'];
  for (let tryIndex = 0; tryIndex < 4; tryIndex++) {
    const passes = random() < plan.skill * 0.7 + tryIndex * 0.1;
    const failing = new Set(passes ? [] : names.filter(() => random() < 0.4));
    if (!passes && failing.size === 0) failing.add(names[Math.floor(random() * names.length)]);
    const submissionId = randomUUID();
    const createdAt = new Date(Math.min(plan.at + tryIndex * 120_000, plan.now));
    const fraction = (names.length - failing.size) / names.length;
    rows.submissions.push({
      id: submissionId, userId: plan.userId, attemptId: plan.attemptId, questionId: plan.question.id, source: '# demo submission',
      kind: 'submit', status: 'graded', score: fraction, points: fraction * plan.question.points, maxPoints: plan.question.points, createdAt, gradedAt: createdAt,
    });
    names.forEach((name, position) => {
      const failed = failing.has(name);
      rows.testResults.push({ submissionId, position, name, status: failed ? 'fail' : 'pass', score: failed ? 0 : 1, maxScore: 1, tags: plan.question.concepts });
    });
    if (passes) return true;
    if (random() < 0.2) return false;
  }
  return false;
}

async function insertAll(prisma: PrismaClient, rows: Rows): Promise<void> {
  const chunks = <T>(items: T[]) => Array.from({ length: Math.ceil(items.length / 1000) }, (_, i) => items.slice(i * 1000, i * 1000 + 1000));
  for (const data of chunks(rows.users)) await prisma.user.createMany({ data });
  for (const data of chunks(rows.attempts)) await prisma.attempt.createMany({ data });
  for (const data of chunks(rows.answers)) await prisma.answer.createMany({ data });
  for (const data of chunks(rows.submissions)) await prisma.submission.createMany({ data });
  for (const data of chunks(rows.testResults)) await prisma.testResult.createMany({ data });
}
