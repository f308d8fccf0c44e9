import type { GraderHealth } from '../grading.service.js';
import type { QueueFigures } from './grading-queue.client.js';

/** Grader health in queue mode: up when Redis answers and at least one grader process listens. */
export function queueHealth(queue: QueueFigures): GraderHealth {
  const workers = {
    ready: queue.graderSlots,
    size: queue.graderSlots,
    busy: queue.active,
    queued: queue.depth,
    restarts: 0,
    graders: queue.graders,
    jobsPerSecond: queue.jobsPerSecond,
  };
  const base = { mode: 'queue' as const, workers, queue };
  if (!queue.connected) return { ready: false, reason: `grading queue unreachable: ${queue.error ?? 'no answer'}`, ...base };
  if (queue.graders === 0) return { ready: false, reason: 'no grader process is connected to the grading queue', ...base };
  return { ready: true, ...base };
}
