// The load itself: `clients` concurrent learners submit `submissions` solutions in total, honest
// and hostile mixed, then every accepted submission is polled until it has a final verdict.
import { Learner, newStats, percentile, type CallStats } from './learner-client.js';
import { sourceFor, type SourceKind } from './sources.js';

export interface LoadOptions {
  baseUrl: string;
  clients: number;
  submissions: number;
  /** Share of hostile sources (0..0.5); 1 in 100 of all submissions is then an endless loop. */
  hostileShare: number;
  /** Submissions per learner account (default 18): under the API's CODE_RUNS_PER_MINUTE (20 by default). */
  perLearner?: number;
  /** How long to wait after the last submission for every verdict. */
  drainMs?: number;
  /** Called once per accepted submission (fault scripts inject their fault from here). */
  onAccepted?: (count: number) => void;
}

export interface LoadFigures {
  clients: number;
  submissionsTried: number;
  accepted: number;
  rejectedByStatus: Record<string, number>;
  final: number;
  lost: number;
  lostIds: string[];
  byKind: Record<SourceKind, number>;
  responses5xx: number;
  statuses: Record<string, number>;
  networkErrors: number;
  seconds: number;
  acceptedPerSecond: number;
  gradedPerSecond: number;
  submitLatencyMs: { p50: number; p95: number; p99: number; max: number };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** One client: learner after learner, each submitting up to `perLearner` times, retrying outages. */
async function client(options: LoadOptions, stats: CallStats, take: () => number | undefined, accepted: Map<string, Learner>, rejected: Map<string, number>, kinds: Record<SourceKind, number>): Promise<void> {
  let learner: Learner | undefined;
  let used = 0;
  for (let n = take(); n !== undefined; ) {
    if (!learner || used >= (options.perLearner ?? 18)) {
      learner = new Learner(options.baseUrl, stats);
      used = 0;
      if (!(await learner.begin())) {
        learner = undefined;
        await sleep(500); // the API is down or overloaded: a real learner tries again shortly
        continue;
      }
    }
    const { kind, source } = sourceFor(n, options.hostileShare);
    const reply = await learner.submit(source);
    used++;
    if (reply.id) {
      accepted.set(reply.id, learner);
      kinds[kind]++;
      options.onAccepted?.(accepted.size);
      n = take();
    } else {
      rejected.set(String(reply.status), (rejected.get(String(reply.status)) ?? 0) + 1);
      if (reply.status === 0 || reply.status >= 500 || reply.status === 429) await sleep(500);
      else n = take(); // a 4xx for this source: move on
    }
  }
}

/** Polls every accepted submission until graded/error or the drain deadline; returns the unfinished. */
async function drain(accepted: Map<string, Learner>, drainMs: number): Promise<string[]> {
  let open = [...accepted.keys()];
  const deadline = Date.now() + drainMs;
  while (open.length > 0 && Date.now() < deadline) {
    const still: string[] = [];
    for (let i = 0; i < open.length; i += 25) {
      const batch = open.slice(i, i + 25);
      const verdicts = await Promise.all(batch.map((id) => accepted.get(id)!.verdict(id)));
      batch.forEach((id, j) => verdicts[j] !== 'graded' && verdicts[j] !== 'error' && still.push(id));
    }
    open = still;
    if (open.length > 0) await sleep(1000);
  }
  return open;
}

export async function runLoad(options: LoadOptions): Promise<LoadFigures> {
  const stats = newStats();
  const accepted = new Map<string, Learner>();
  const rejected = new Map<string, number>();
  const kinds: Record<SourceKind, number> = { right: 0, wrong: 0, hostile: 0, spin: 0 };
  let next = 0;
  const take = () => (next < options.submissions ? next++ : undefined);
  const started = performance.now();
  await Promise.all(Array.from({ length: options.clients }, () => client(options, stats, take, accepted, rejected, kinds)));
  const submittedAt = performance.now();
  const lostIds = await drain(accepted, options.drainMs ?? 180_000);
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...stats.submitLatencies].sort((a, b) => a - b);
  const statuses = Object.fromEntries([...stats.statuses].sort(([a], [b]) => a - b).map(([s, n]) => [String(s), n]));
  return {
    clients: options.clients,
    submissionsTried: stats.submitLatencies.length,
    accepted: accepted.size,
    rejectedByStatus: Object.fromEntries(rejected),
    final: accepted.size - lostIds.length,
    lost: lostIds.length,
    lostIds: lostIds.slice(0, 20),
    byKind: kinds,
    responses5xx: [...stats.statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0),
    statuses,
    networkErrors: stats.networkErrors,
    seconds: Math.round(seconds * 10) / 10,
    acceptedPerSecond: Math.round((accepted.size / ((submittedAt - started) / 1000)) * 10) / 10,
    gradedPerSecond: Math.round(((accepted.size - lostIds.length) / seconds) * 10) / 10,
    submitLatencyMs: { p50: Math.round(percentile(sorted, 50)), p95: Math.round(percentile(sorted, 95)), p99: Math.round(percentile(sorted, 99)), max: Math.round(sorted.at(-1) ?? 0) },
  };
}
