// The exam-start scenario: a whole class arrives within a short window, each learner signs in
// (or signs up, which signs in too), starts the same quiz and submits once (some submissions
// hostile); /health is probed throughout. Every accepted submission is followed through the API
// until it is final.
import { get } from 'node:http';
import { Learner, newStats, percentile, type CallStats } from './learner-client.js';
import { sourceFor, type SourceKind } from './sources.js';

export interface ExamStartOptions {
  baseUrl: string;
  learners: number;
  /** Arrivals are spread evenly over this many seconds. */
  windowSeconds: number;
  /** Share of hostile sources (see sourceFor: 1 in 100 of all is then an endless loop). */
  hostileShare: number;
  /**
   * 'existing' (default): the accounts are made before the window (not measured) and each learner
   * signs in on arrival, as a class does on exam day; 'new': each signs up on arrival, and the
   * sign-up's reply is the session (one password hash per learner either way).
   */
  accounts?: 'existing' | 'new';
  /** How long to wait for verdicts after the last arrival. */
  drainMs?: number;
}

export interface Percentiles { p50: number; p95: number; p99: number; max: number }

export interface ExamStartFigures {
  learners: number;
  windowSeconds: number;
  accounts: 'existing' | 'new';
  /** Learners whose sign-up, sign-in or start failed (no submission made). */
  notStarted: number;
  accepted: number;
  /** Submissions the API refused, by status. */
  rejectedByStatus: Record<string, number>;
  final: number;
  lost: number;
  lostIds: string[];
  byKind: Record<SourceKind, number>;
  verdicts: Record<string, number>;
  responses5xx: number;
  networkErrors: number;
  /** From the submission's POST to its verdict (the 201's latency, or the poll that saw it final). */
  timeToVerdictMs: Percentiles;
  /** From the learner's arrival (before signing up) to the verdict. */
  arrivalToVerdictMs: Percentiles;
  healthMs: Percentiles & { probes: number; not200: number; slowest: { atS: number; ms: number; status: number }[] };
  /** The API's own figure (GET /health api.eventLoopDelayMs, 10 s windows): the worst window's p99 and max. */
  eventLoopDelayMs: { worstWindowP99: number; max: number; windows: number };
  seconds: number;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
/** As the web page polls a submission still grading (apps/web use-grading.ts). */
const POLL_MS = 1000;

function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => Math.round(percentile(sorted, p));
  return { p50: at(50), p95: at(95), p99: at(99), max: Math.round(sorted.at(-1) ?? 0) };
}

interface Outcome { id?: string; status: number; kind: SourceKind; verdict?: string; submitMs?: number; arrivalMs?: number }

/** One learner: arrive, sign in (or up), start, submit, then poll until the verdict (or the deadline). */
async function learner(options: ExamStartOptions, stats: CallStats, one: Learner, n: number, deadline: () => number): Promise<Outcome | undefined> {
  const arrived = performance.now();
  const ready = options.accounts === 'new' ? await one.begin() : await one.start();
  if (!ready) return undefined;
  const { kind, source } = sourceFor(n, options.hostileShare);
  const submitted = performance.now();
  const reply = await one.submit(source);
  if (!reply.id) return { status: reply.status, kind };
  const outcome: Outcome = { id: reply.id, status: reply.status, kind };
  let verdict = reply.status === 201 ? reply.verdict : undefined;
  while (verdict !== 'graded' && verdict !== 'error' && performance.now() < deadline()) {
    await sleep(POLL_MS);
    verdict = await one.verdict(reply.id);
  }
  outcome.verdict = verdict;
  if (verdict === 'graded' || verdict === 'error') {
    outcome.submitMs = performance.now() - submitted;
    outcome.arrivalMs = performance.now() - arrived;
  }
  return outcome;
}

/**
 * One GET on a connection of its own (node:http, no keep-alive): as a monitoring probe does, and
 * not queued in the learners' fetch connection pool, so its time is the API's.
 */
function probeOnce(url: string): Promise<{ status: number; ms: number; body: any }> {
  const started = performance.now();
  return new Promise((done) => {
    const request = get(url, { agent: false, timeout: 60_000 }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => {
        let body: unknown = null;
        try { body = JSON.parse(text); } catch { /* not JSON */ }
        done({ status: response.statusCode ?? 0, ms: performance.now() - started, body });
      });
    });
    request.on('timeout', () => request.destroy(new Error('timeout')));
    request.on('error', () => done({ status: 0, ms: performance.now() - started, body: null }));
  });
}

/** GET /health every 200 ms until stopped: latency, and the API's event-loop delay windows. */
function probeHealth(baseUrl: string): { stop(): Promise<{ ms: number[]; not200: number; windows: Map<number, { p99: number; max: number }>; slow: { atS: number; ms: number; status: number }[] }> } {
  const ms: number[] = [];
  const windows = new Map<number, { p99: number; max: number }>();
  let not200 = 0;
  let running = true;
  let before: number | undefined;
  const slow: { atS: number; ms: number; status: number }[] = [];
  const begun = performance.now();
  const loop = (async () => {
    while (running) {
      const reply = await probeOnce(`${baseUrl}/health`);
      ms.push(reply.ms);
      // The slow ones, with when they began (s into the run) and what they said: to tell a slow
      // database ping (503 after 2 s) from a request that waited for the API itself.
      if (reply.ms > 1000 && slow.length < 10) slow.push({ atS: Math.round((performance.now() - reply.ms - begun) / 100) / 10, ms: Math.round(reply.ms), status: reply.status });
      if (reply.status !== 200) not200++;
      const delay = reply.body?.api?.eventLoopDelayMs;
      // Complete windows only, each once (a window is reported for 10 s), and only those that
      // began after the first probe: the one in progress then may hold the boot's stalls.
      if (delay) {
        const first = (before ??= delay.window);
        if (delay.window > first + 1) windows.set(delay.window, { p99: delay.p99, max: delay.max });
      }
      await sleep(200);
    }
  })();
  return {
    async stop() {
      // The window in progress is reported once it ends: wait for it (at most two windows when
      // the run was shorter than one).
      const last = Math.max((before ?? 0) + 1, ...windows.keys());
      const until = Date.now() + 21_000;
      while (Date.now() < until && Math.max((before ?? 0) + 1, ...windows.keys()) === last) await sleep(200);
      running = false;
      await loop;
      return { ms, not200, windows, slow };
    },
  };
}

/** Accounts made before the window, a few at a time (their sign-ups are not measured). */
async function signUpAll(options: ExamStartOptions, stats: CallStats): Promise<Learner[]> {
  const learners = Array.from({ length: options.learners }, () => new Learner(options.baseUrl, stats));
  if (options.accounts === 'new') return learners;
  const setup = newStats();
  for (let i = 0; i < learners.length; i += 8) {
    const batch = learners.slice(i, i + 8);
    const made = await Promise.all(batch.map((one) => new Learner(options.baseUrl, setup, one.email).signUp()));
    if (made.some((ok) => !ok)) throw new Error('an account could not be made before the window');
  }
  return learners;
}

export async function runExamStart(options: ExamStartOptions): Promise<ExamStartFigures> {
  const stats = newStats();
  const learners = await signUpAll(options, stats);
  const started = performance.now();
  const lastArrival = started + options.windowSeconds * 1000;
  const deadline = () => lastArrival + (options.drainMs ?? 180_000);
  const health = probeHealth(options.baseUrl);
  const spacingMs = (options.windowSeconds * 1000) / options.learners;
  const outcomes = await Promise.all(Array.from({ length: options.learners }, async (_, n) => {
    await sleep(n * spacingMs);
    return learner(options, stats, learners[n]!, n, deadline);
  }));
  const seconds = (performance.now() - started) / 1000;
  const probed = await health.stop();
  const made = outcomes.filter((o): o is Outcome => o !== undefined);
  const accepted = made.filter((o) => o.id);
  const final = accepted.filter((o) => o.submitMs !== undefined);
  const rejected: Record<string, number> = {};
  for (const o of made) if (!o.id) rejected[o.status] = (rejected[o.status] ?? 0) + 1;
  const byKind: Record<SourceKind, number> = { right: 0, wrong: 0, hostile: 0, spin: 0 };
  const verdicts: Record<string, number> = {};
  for (const o of accepted) {
    byKind[o.kind]++;
    verdicts[o.verdict ?? 'unfinished'] = (verdicts[o.verdict ?? 'unfinished'] ?? 0) + 1;
  }
  const windows = [...probed.windows.values()];
  return {
    learners: options.learners,
    windowSeconds: options.windowSeconds,
    accounts: options.accounts ?? 'existing',
    notStarted: options.learners - made.length,
    accepted: accepted.length,
    rejectedByStatus: rejected,
    final: final.length,
    lost: accepted.length - final.length,
    lostIds: accepted.filter((o) => o.submitMs === undefined).slice(0, 20).map((o) => o.id!),
    byKind,
    verdicts,
    responses5xx: [...stats.statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0),
    networkErrors: stats.networkErrors,
    timeToVerdictMs: percentiles(final.map((o) => o.submitMs!)),
    arrivalToVerdictMs: percentiles(final.map((o) => o.arrivalMs!)),
    healthMs: { ...percentiles(probed.ms), probes: probed.ms.length, not200: probed.not200, slowest: probed.slow },
    eventLoopDelayMs: { worstWindowP99: Math.max(0, ...windows.map((w) => w.p99)), max: Math.max(0, ...windows.map((w) => w.max)), windows: windows.length },
    seconds: Math.round(seconds * 10) / 10,
  };
}
