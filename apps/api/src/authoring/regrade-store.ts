import { ConflictException } from '@nestjs/common';
import type { Prisma } from '@app/db';
import type { GradingResult } from '@app/grader';
import { isRunGraded, type Question } from '@app/quiz-spec';
import { isBetterScore, scoreAttempt } from '../attempts/attempt-scoring.js';
import { readBestCode } from '../attempts/attempts.repository.js';
import { toSettings } from '../attempts/quiz-records.js';
import { COUNTED_ATTEMPT, scoredAsItGoes } from '../attempts/scoring-model.js';
import type { RegradeCandidate } from './regrade-plan.js';

type Tx = Prisma.TransactionClient;

/** One submission's new verdict, with what the commit must record about it. */
export interface RegradeWrite {
  candidate: RegradeCandidate;
  result: GradingResult;
  /** The version whose tests gave `result`, kept in the stored result (see gradedVersionOf). */
  version: number;
  /**
   * That version's points for the question: what the regraded answer counts against in its
   * attempt (readBestCode). Not `result.max_points`, the tests' sum, which an explicit `points:`
   * (a `ref:` code question, a run-graded Parsons problem) overrides.
   */
  questionPoints: number;
  previewId: string;
}

/** A learner's best score for the quiz changed by the regrade (LMS gradebooks are told: the LTI outbox). */
export type BestScoreChanged = (tx: Tx, change: { userId: string; quizId: string; attemptId: string; score: number; maxScore: number; at: Date }) => Promise<unknown>;

/**
 * Writes a committed regrade inside the caller's transaction: each submission's result and tests,
 * then what derives from submissions (code answers, attempts' scores, best scores), recomputed
 * with the attempt module's own scoring so a regraded attempt reads as if graded so.
 */
export async function applyRegrade(tx: Tx, quizId: string, writes: RegradeWrite[], onBestChanged?: BestScoreChanged): Promise<void> {
  const now = new Date();
  for (const write of writes) await storeResult(tx, write, now);
  const attemptIds = [...new Set(writes.map((w) => w.candidate.attemptId).filter((id): id is string => id !== null))];
  for (const attemptId of attemptIds) await rescoreAttempt(tx, attemptId);
  const userIds = [...new Set(writes.map((w) => w.candidate.userId))];
  for (const userId of userIds) {
    const best = await recomputeBestScore(tx, userId, quizId);
    if (best && onBestChanged) await onBestChanged(tx, { userId, quizId, attemptId: best.id, score: best.score, maxScore: best.maxScore, at: now });
  }
}

async function storeResult(tx: Tx, { candidate, result, version, questionPoints, previewId }: RegradeWrite, now: Date): Promise<void> {
  const regrade = { version, questionPoints, previewId, at: now.toISOString(), previous: { points: candidate.points, maxPoints: candidate.maxPoints, score: candidate.score } };
  // Guarded by the grading time the preview saw: a submission changed since then aborts the whole commit.
  const { count } = await tx.submission.updateMany({
    where: { id: candidate.id, status: 'graded', gradedAt: candidate.gradedAt },
    data: {
      score: result.score,
      points: result.points,
      maxPoints: result.max_points,
      result: { ...result, regrade } as unknown as Prisma.InputJsonValue,
      gradedAt: now,
    },
  });
  if (count !== 1) throw new ConflictException(`Submission ${candidate.id} changed since the preview; preview the regrade again`);
  await tx.testResult.deleteMany({ where: { submissionId: candidate.id } });
  await tx.testResult.createMany({
    data: result.tests.map((test, position) => ({
      submissionId: candidate.id,
      position,
      name: test.name,
      status: test.status,
      score: test.score,
      maxScore: test.max_score,
      visibility: test.visibility,
      message: test.message,
      tags: test.tags,
      fault: test.fault ?? null,
      misconception: test.misconception ?? null,
    })),
  });
}

/**
 * Code answers follow their best graded submission; the attempt's score is recomputed when it has
 * one by the model (docs/scoring.md): a finished attempt, or a practice attempt in progress, which
 * is scored as it goes. An exam attempt in progress is scored by the same rule when it is finished.
 * A regraded code question counts against the maximum it was regraded with (CodeBest.regradedMax):
 * 4 of 6 points stays 4 / 6, not 4/6 of the old 4 points (2.666667 / 4).
 */
async function rescoreAttempt(tx: Tx, attemptId: string): Promise<void> {
  // The same row lock the learner module takes to record a best answer or finish the attempt.
  await tx.$queryRaw`SELECT id FROM attempts WHERE id = ${attemptId}::uuid FOR UPDATE`;
  const attempt = await tx.attempt.findUnique({
    where: { id: attemptId },
    select: {
      status: true,
      answers: { select: { questionId: true, response: true, correct: true, score: true, points: true } },
      quizVersion: { select: { content: true, questions: { select: { id: true, key: true, position: true, points: true, content: true } } } },
    },
  });
  if (!attempt) return;
  // Read after storeResult: the regraded verdicts and their new maximum are the ones counted.
  const best = await readBestCode(tx, attemptId);
  const questions = attempt.quizVersion.questions.map((q) => ({ ...q, content: q.content as unknown as Question }));
  for (const question of questions) {
    const top = best.get(question.id);
    const answer = attempt.answers.find((a) => a.questionId === question.id);
    if (!top || !answer || !isRunGraded(question.content)) continue;
    const previous = typeof answer.response === 'object' && answer.response !== null && !Array.isArray(answer.response) ? answer.response : {};
    const response = { ...previous, submissionId: top.id };
    await tx.answer.updateMany({
      where: { attemptId, questionId: question.id },
      data: { response, score: top.score, points: round(top.score * question.points), correct: top.score >= 1 },
    });
  }
  if (attempt.status !== 'submitted' && !scoredAsItGoes(toSettings(attempt.quizVersion.content))) return;
  const score = scoreAttempt(questions, attempt.answers, best);
  await tx.attempt.update({ where: { id: attemptId }, data: { score: score.score, maxScore: score.maxScore }, select: { id: true } });
}

/**
 * A regrade can lower scores, so the best is chosen again among all the attempts that count. Returns
 * the new best when it differs from the stored one.
 */
async function recomputeBestScore(tx: Tx, userId: string, quizId: string): Promise<{ id: string; score: number; maxScore: number } | null> {
  const attempts = await tx.attempt.findMany({
    where: { userId, ...COUNTED_ATTEMPT, quizVersion: { quizId } },
    orderBy: [{ startedAt: 'asc' }, { id: 'asc' }],
    select: { id: true, score: true, maxScore: true },
  });
  let best: { id: string; score: number; maxScore: number } | null = null;
  for (const a of attempts) {
    const candidate = { id: a.id, score: a.score!, maxScore: a.maxScore! };
    if (isBetterScore(candidate, best)) best = candidate;
  }
  if (!best) return null;
  const stored = await tx.bestScore.findUnique({ where: { userId_quizId: { userId, quizId } }, select: { score: true, maxScore: true } });
  const data = { attemptId: best.id, score: best.score, maxScore: best.maxScore };
  await tx.bestScore.upsert({ where: { userId_quizId: { userId, quizId } }, create: { userId, quizId, ...data }, update: data });
  return stored && stored.score === best.score && stored.maxScore === best.maxScore ? null : best;
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
