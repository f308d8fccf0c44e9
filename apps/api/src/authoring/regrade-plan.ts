import { createHash } from 'node:crypto';
import type { GradingResult } from '@app/grader';
import type { CodeQuestion } from '@app/quiz-spec';
import type { RegradeItem, RegradeSummary } from '@app/contracts';

/** A graded `submit` submission of one of the quiz's code questions, as stored. */
export interface RegradeCandidate {
  id: string;
  userId: string;
  email: string;
  attemptId: string | null;
  questionId: string;
  questionKey: string;
  source: string;
  points: number;
  maxPoints: number;
  score: number;
  gradedAt: Date;
  /** The seed of the stored grading, reused so only the tests differ. */
  seed: number | undefined;
  /** The attempt's variant seed: the regrade grades against the learner's own variant. */
  variantSeed?: number | null;
}

export interface TargetVersion {
  id: string;
  version: number;
  /** The current version's code questions by key. */
  codeQuestions: Map<string, CodeQuestion>;
}

export interface MatchedCandidate {
  candidate: RegradeCandidate;
  question: CodeQuestion;
}

export interface RegradeInputs {
  target: TargetVersion;
  matched: MatchedCandidate[];
  unmatched: number;
}

/** Pairs each submission with the current version's code question of the same key. */
export function matchCandidates(target: TargetVersion, candidates: RegradeCandidate[]): RegradeInputs {
  const matched: MatchedCandidate[] = [];
  let unmatched = 0;
  for (const candidate of candidates) {
    const question = target.codeQuestions.get(candidate.questionKey);
    if (question) matched.push({ candidate, question });
    else unmatched++;
  }
  return { target, matched, unmatched };
}

/**
 * Identity of the exact inputs of a regrade: the target version (immutable) and every regraded
 * submission as it stood (its last grading time and score). A commit recomputes it and refuses
 * when anything moved: a new graded submission, another regrade, a new version.
 */
export function previewIdOf(inputs: RegradeInputs): string {
  const lines = inputs.matched
    .map(({ candidate: c }) => [c.id, c.gradedAt.toISOString(), c.points, c.maxPoints].join('|'))
    .sort();
  return createHash('sha256')
    .update([inputs.target.id, String(inputs.unmatched), ...lines].join('\n'))
    .digest('hex');
}

export function toItem({ candidate }: MatchedCandidate, result: GradingResult): RegradeItem {
  return {
    submissionId: candidate.id,
    learnerEmail: candidate.email,
    questionKey: candidate.questionKey,
    oldPoints: candidate.points,
    newPoints: result.points,
    oldMaxPoints: candidate.maxPoints,
    newMaxPoints: result.max_points,
    oldScore: candidate.score,
    newScore: result.score,
    delta: roundPoints(result.points - candidate.points),
    scoreDelta: roundPoints(result.score - candidate.score),
  };
}

/**
 * Which way a submission moved for the learner: by its share of the maximum, since that is what a
 * grade is (4/4 -> 4/6 is down though the points stay); the points decide only when shares tie.
 */
export function direction(item: RegradeItem): -1 | 0 | 1 {
  const sign = Math.sign(item.scoreDelta !== 0 ? item.scoreDelta : item.delta);
  return sign > 0 ? 1 : sign < 0 ? -1 : 0;
}

export function summarize(items: RegradeItem[], unmatched: number): RegradeSummary {
  const changed = items.filter((item) => item.delta !== 0 || item.oldMaxPoints !== item.newMaxPoints);
  const mean = (values: number[]) => (values.length === 0 ? 0 : roundPoints(values.reduce((sum, v) => sum + v, 0) / values.length));
  return {
    total: items.length,
    changed: changed.length,
    up: items.filter((item) => direction(item) > 0).length,
    down: items.filter((item) => direction(item) < 0).length,
    meanDelta: mean(items.map((item) => item.delta)),
    meanScoreDelta: mean(items.map((item) => item.scoreDelta)),
    unmatched,
  };
}

/** Points are sums of small decimals: keep 0.1 + 0.2 from reading as a change of 4e-17. */
export function roundPoints(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
