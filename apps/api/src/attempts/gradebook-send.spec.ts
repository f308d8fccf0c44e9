import type { ScoreOutbox } from '../lti/score-outbox.js';
import type { FinishedScore } from '../lti/lti-scores.repository.js';
import type { AttemptRecord } from './attempt.types.js';
import { gradebookSend } from './gradebook-send.js';

const NOW = new Date('2026-03-02T10:00:00Z');

function attemptOf(settings: AttemptRecord['version']['settings'], scoresReleasedAt: Date | null): AttemptRecord {
  return { id: 'a1', userId: 'u1', quiz: { id: 'closures/check', scoresReleasedAt }, version: { settings } } as unknown as AttemptRecord;
}

describe(gradebookSend.name, () => {
  const recorded: FinishedScore[] = [];
  const outbox = { record: async (finished: FinishedScore) => recorded.push(finished) } as unknown as ScoreOutbox;

  it("sends a practice quiz's best score to the LMS outbox when the attempt finishes", async () => {
    const send = gradebookSend(outbox, attemptOf({ attempts: 0 }, null), NOW);
    await send!({ score: 3, maxScore: 4 }, {} as never);
    expect(recorded).toEqual([{ userId: 'u1', quizId: 'closures/check', attemptId: 'a1', score: 3, maxScore: 4, at: NOW }]);
  });

  it("holds an exam's score back while its scores are hidden (the release sends it), not once released", () => {
    const exam = { attempts: 1, exam: { minutes: 20, visible_tests: true, hide_scores: true, one_at_a_time: false } };
    expect(gradebookSend(outbox, attemptOf(exam as never, null), NOW)).toBeUndefined();
    expect(gradebookSend(outbox, attemptOf(exam as never, new Date('2026-03-01T00:00:00Z')), NOW)).toBeDefined();
  });
});
