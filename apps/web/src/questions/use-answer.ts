import { useState } from 'react';
import { api, errorText } from '../api/client.js';
import type { LearnerAnswer } from '../api/types.js';

/** Sends one answer (answers are final on the server) and reports busy/error state. */
export function useAnswer(attemptId: string | undefined, key: string, onAnswered: (a: LearnerAnswer) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  /** Answered from this page just now: the verdict takes the focus the vanished button had. */
  const [justAnswered, setJustAnswered] = useState(false);
  async function send(response: unknown) {
    if (!attemptId) {
      setError('This is a preview: answers are not graded here.');
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      onAnswered(await api.put<LearnerAnswer>(`/api/attempts/${attemptId}/answers/${encodeURIComponent(key)}`, { response }));
      setJustAnswered(true);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, send, justAnswered };
}
