import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText, request } from '../api/client.js';
import type { LearnerDraft } from '../api/types.js';
import { MAX_SOURCE_LENGTH } from './source-limit.js';

/** Typing pauses this long before the draft is sent: one request per pause, not per key. */
export const SAVE_AFTER_MS = 800;

export type DraftState = { kind: 'idle' } | { kind: 'pending' } | { kind: 'saved'; at: string } | { kind: 'failed'; message: string };

/**
 * Keeps the code being written on the server (per attempt and question), so that a reload or
 * another device opens it. Saved after a pause in typing, and at once when the learner leaves
 * the page (another page of the app, or the tab: a keepalive request outlives the page).
 */
export function useDraft(attemptId: string | undefined, key: string, enabled: boolean, savedAt?: string) {
  // Opened with a draft from the server: say so (it may come from another device).
  const [state, setState] = useState<DraftState>(savedAt ? { kind: 'saved', at: savedAt } : { kind: 'idle' });
  const unsaved = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  // One save at a time, in typing order: an older draft never lands after a newer one.
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const path = attemptId && enabled ? `/api/attempts/${attemptId}/questions/${encodeURIComponent(key)}/draft` : undefined;

  const flush = useCallback(
    (leaving = false) => {
      clearTimeout(timer.current);
      const source = unsaved.current;
      if (source === null || !path) return;
      unsaved.current = null;
      if (source.length > MAX_SOURCE_LENGTH) {
        setState({ kind: 'failed', message: `Not saved: the code is longer than ${MAX_SOURCE_LENGTH.toLocaleString('en-US')} characters.` });
        return;
      }
      const save = () => request<LearnerDraft>('PUT', path, { source }, { keepalive: leaving });
      queue.current = (leaving ? save() : queue.current.then(save)).then(
        ({ body }) => unsaved.current === null && setState({ kind: 'saved', at: body.savedAt }),
        (e: unknown) => setState({ kind: 'failed', message: `Not saved: ${errorText(e)}` }),
      );
    },
    [path],
  );

  useEffect(() => {
    const onLeave = () => flush(true);
    window.addEventListener('pagehide', onLeave);
    return () => {
      window.removeEventListener('pagehide', onLeave);
      flush(true);
    };
  }, [flush]);

  function change(source: string): void {
    if (!path) return;
    unsaved.current = source;
    setState({ kind: 'pending' });
    clearTimeout(timer.current);
    timer.current = setTimeout(() => flush(), SAVE_AFTER_MS);
  }
  return { state, change };
}

/** The draft's state in words, for the line under the editor. */
export function draftText(state: DraftState): string {
  switch (state.kind) {
    case 'idle':
      return '';
    case 'pending':
      return 'Saving your draft…';
    case 'saved':
      return `Draft saved at ${new Date(state.at).toLocaleTimeString()}: it opens here on any device.`;
    case 'failed':
      return state.message;
  }
}
