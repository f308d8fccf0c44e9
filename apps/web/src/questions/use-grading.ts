import { useEffect, useRef, useState } from 'react';
import { errorText, request } from '../api/client.js';
import type { LearnerSubmission } from '../api/types.js';

const POLL_MS = 1000;
/** Past this, stop polling and say so: the submission stays stored and is graded later. */
const POLL_LIMIT_MS = 180_000;

function unfinished(submission: LearnerSubmission): boolean {
  return submission.status === 'pending' || submission.status === 'grading';
}

/**
 * Sends code to be run or graded. The API answers 201 with the verdict, or 202 with a URL to
 * poll when grading takes longer; both end in `result`. `grading` drives the progress indicator.
 * `initial`: the last result kept by the server (shown again after a reload; followed if unfinished).
 */
export function useGrading(attemptId: string | undefined, key: string, initial?: LearnerSubmission) {
  const [grading, setGrading] = useState<'run' | 'submit' | null>(null);
  const [result, setResult] = useState<LearnerSubmission | undefined>(initial);
  const [error, setError] = useState<string>();
  const alive = useRef(true);
  useEffect(() => {
    // Set again on mount: StrictMode (development builds) unmounts and remounts once.
    alive.current = true;
    return () => void (alive.current = false);
  }, []);
  // Reloaded while it was still being graded: follow it to its verdict.
  useEffect(() => {
    if (initial && unfinished(initial)) void track(initial.kind, async () => initial);
    // Once, for the result the page opened with.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  /** `payload`: code, or the lines of a Parsons problem graded by running its program. */
  async function send(kind: 'run' | 'submit', payload: string | { lines: unknown[] }): Promise<LearnerSubmission | undefined> {
    if (!attemptId) {
      setError(typeof payload === 'string' ? 'This is a preview: code is not run here.' : 'This is a preview: answers are not graded here.');
      return undefined;
    }
    const path = `/api/attempts/${attemptId}/questions/${encodeURIComponent(key)}/${kind === 'run' ? 'run' : 'submissions'}`;
    const body = typeof payload === 'string' ? { source: payload } : payload;
    return track(kind, async () => (await request<LearnerSubmission>('POST', path, body)).body);
  }

  /** Shows `kind` as in progress until the submission `first` gives is graded (polling its URL). */
  async function track(kind: 'run' | 'submit', first: () => Promise<LearnerSubmission>): Promise<LearnerSubmission | undefined> {
    setGrading(kind);
    setError(undefined);
    // The last run's results belong to other code: never show them as this run's.
    setResult(undefined);
    try {
      let submission = await first();
      const giveUpAt = Date.now() + POLL_LIMIT_MS;
      while (unfinished(submission) && alive.current) {
        if (Date.now() > giveUpAt) throw new Error('Grading is taking unusually long. Your code is saved: reload this page in a few minutes to see the result.');
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        submission = (await request<LearnerSubmission>('GET', submission.poll ?? `/api/submissions/${submission.id}`)).body;
      }
      if (alive.current) setResult(submission);
      return submission;
    } catch (e) {
      if (alive.current) setError(errorText(e));
      return undefined;
    } finally {
      if (alive.current) setGrading(null);
    }
  }
  /** Refuses to send (the code breaks a rule checked in the page): shows why, and no stale result. */
  function refuse(message: string): void {
    setResult(undefined);
    setError(message);
  }
  return { grading, result, error, send, refuse };
}
