import { api } from '../api/client.js';
import type { LearnerAttempt, LearnerAttemptCode } from '../api/types.js';
import { ErrorBox, Loading, PageTitle } from '../components/feedback.js';
import { useLoad } from '../components/use-load.js';
import { AttemptView } from './quiz-page.js';

async function loadAttempt(attemptId: string) {
  const [attempt, code] = await Promise.all([
    api.get<LearnerAttempt>(`/api/attempts/${attemptId}`),
    api.get<LearnerAttemptCode>(`/api/attempts/${attemptId}/code`),
  ]);
  return { attempt, code };
}

/**
 * `#/attempt/:id`: an attempt at its own address, so that a reload, a bookmark or another device
 * opens it again (in progress: where the learner left it; finished: for review).
 */
export function AttemptPage({ attemptId, question }: { attemptId: string; question?: number }) {
  const loaded = useLoad(() => loadAttempt(attemptId), attemptId);
  if (loaded.data) return <AttemptView initial={loaded.data.attempt} code={loaded.data.code} question={question} />;
  return (
    <section>
      <PageTitle>Attempt</PageTitle>
      {loaded.loading && <Loading />}
      <ErrorBox message={loaded.error} />
      {loaded.error && (
        <p>
          <a href="#/history">Your attempt history</a> · <a href="#/">Back to your course</a>
        </p>
      )}
    </section>
  );
}
