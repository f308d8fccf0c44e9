import { useState, type FormEvent } from 'react';
import { api, errorText, setTabValue, tabValue, type Page } from '../api/client.js';
import type { QuizSummary } from '../api/types.js';
import { ErrorBox, Loading, PageTitle } from '../components/feedback.js';
import { useLoad } from '../components/use-load.js';
import { DEEP_LINK_TICKET_KEY } from '../pages/lti-enter-page.js';

/**
 * Deep linking: an instructor came from the LMS's "Select content" and picks published quizzes;
 * the signed reply is posted back to the LMS in a form (the LMS then adds the links and their
 * gradebook columns).
 */
export function DeepLinkPage() {
  const ticket = tabValue(DEEP_LINK_TICKET_KEY);
  const quizzes = useLoad(() => api.get<Page<QuizSummary>>('/api/quizzes?pageSize=100'), 'deep-link-quizzes');
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<string>();
  const [sending, setSending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    setSending(true);
    try {
      const reply = await api.post<{ returnUrl: string; jwt: string }>('/api/lti/deep-linking/response', { deepLinkTicket: ticket, quizIds: chosen });
      setTabValue(DEEP_LINK_TICKET_KEY, null);
      postToLms(reply.returnUrl, reply.jwt);
    } catch (e) {
      setError(errorText(e));
      setSending(false);
    }
  }
  if (!ticket) {
    return (
      <section>
        <PageTitle>Add quizzes to your course</PageTitle>
        <ErrorBox message='No content selection is in progress: start "Select content" (deep linking) again in your LMS.' />
      </section>
    );
  }
  const toggle = (id: string, on: boolean) => setChosen((now) => (on ? [...now, id] : now.filter((x) => x !== id)));
  return (
    <section>
      <PageTitle>Add quizzes to your course</PageTitle>
      <p>Each quiz you pick becomes a link in your course, with its own gradebook column; learners' best scores are sent there.</p>
      <ErrorBox message={quizzes.error ?? error} />
      {quizzes.loading && !quizzes.data && <Loading />}
      {quizzes.data && (
        <form onSubmit={(e) => void onSubmit(e)}>
          <fieldset>
            <legend>Published quizzes and exercises</legend>
            {quizzes.data.items.map((quiz) => (
              <label key={quiz.id} className="choice">
                <input type="checkbox" checked={chosen.includes(quiz.id)} onChange={(e) => toggle(quiz.id, e.currentTarget.checked)} /> {quiz.title}{' '}
                <span className="muted">({quiz.id})</span>
              </label>
            ))}
          </fieldset>
          <button type="submit" disabled={chosen.length === 0 || sending}>
            {sending ? 'Sending to your LMS…' : `Add ${chosen.length || ''} to the course`}
          </button>
        </form>
      )}
    </section>
  );
}

/** The spec's way back: an auto-submitted form posting the JWT to the LMS's return URL. */
function postToLms(returnUrl: string, jwt: string): void {
  const form = document.createElement('form');
  form.method = 'POST';
  form.action = returnUrl;
  const field = document.createElement('input');
  field.type = 'hidden';
  field.name = 'JWT';
  field.value = jwt;
  form.append(field);
  document.body.append(form);
  form.submit();
}
