import type { LearnerCodeView, TestOutcome } from '../api/types.js';

/** Puts the sandbox's verdicts into words a learner can act on. */
export function explainOutcome(status: TestOutcome, limits: LearnerCodeView['limits']): string {
  switch (status) {
    case 'pass':
      return 'Your code gave the expected result.';
    case 'fail':
      return 'Your code ran, but the result was not the expected one.';
    case 'error':
      return 'Your code raised an exception before giving a result.';
    case 'timeout':
      return `Your code took ${limits.time_ms ? `longer than ${limits.time_ms} ms` : 'longer than the grader allows'} and was stopped: look for an endless loop or very slow work.`;
    case 'memory_limit':
      return `Your code used ${limits.memory_mb ? `more than ${limits.memory_mb} MB of memory` : 'more memory than the grader allows'} and was stopped: look for a list or string that keeps growing.`;
    case 'skipped':
      return 'The author skipped this test: it counts for no points.';
  }
}
