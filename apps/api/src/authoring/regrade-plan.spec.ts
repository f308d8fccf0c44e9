import type { RegradeItem } from '@app/contracts';
import { direction, summarize } from './regrade-plan.js';

function item(oldPoints: number, oldMax: number, newPoints: number, newMax: number): RegradeItem {
  const oldScore = oldPoints / oldMax;
  const newScore = newPoints / newMax;
  return {
    submissionId: `s-${oldPoints}-${oldMax}-${newPoints}-${newMax}`,
    learnerEmail: 'ada@example.org',
    questionKey: 'make-greeter',
    oldPoints,
    newPoints,
    oldMaxPoints: oldMax,
    newMaxPoints: newMax,
    oldScore,
    newScore,
    delta: newPoints - oldPoints,
    scoreDelta: Math.round((newScore - oldScore) * 1e6) / 1e6,
  };
}

describe(summarize.name, () => {
  it('counts 4/4 -> 4/6 as one submission down, by a third of the maximum, though its points stay', () => {
    expect(summarize([item(4, 4, 4, 6)], 0)).toEqual({ total: 1, changed: 1, up: 0, down: 1, meanDelta: 0, meanScoreDelta: -0.333333, unmatched: 0 });
  });

  it('counts a rise and a fall of points under the same maximum, and leaves unchanged ones out', () => {
    const summary = summarize([item(3, 3, 1, 3), item(1, 3, 3, 3), item(2, 4, 2, 4)], 1);
    expect(summary).toEqual({ total: 3, changed: 2, up: 1, down: 1, meanDelta: 0, meanScoreDelta: 0, unmatched: 1 });
  });

  it('lets the points decide when the share of the maximum is the same (2/4 -> 3/6 is up)', () => {
    expect(direction(item(2, 4, 3, 6))).toBe(1);
    expect(direction(item(2, 4, 2, 4))).toBe(0);
  });
});
