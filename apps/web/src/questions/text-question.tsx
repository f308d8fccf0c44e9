import { useState, type FormEvent } from 'react';
import type { LearnerPredictOutputView, LearnerShortAnswerView } from '../api/types.js';
import { ErrorBox } from '../components/feedback.js';
import { AnswerVerdict } from './answer-verdict.js';
import { checkLabel } from './check-label.js';
import type { QuestionProps } from './question-props.js';
import { useAnswer } from './use-answer.js';

type TextView = LearnerPredictOutputView | LearnerShortAnswerView;

/** predict_output (shows the code, asks for its exact output) and short_answer. */
export function TextQuestion({ question, attemptId, answer, locked, onAnswered, scoresHidden }: QuestionProps<TextView>) {
  const [text, setText] = useState(typeof answer?.response === 'string' ? answer.response : '');
  const { busy, error, send, justAnswered } = useAnswer(attemptId, question.id, onAnswered);
  const predict = question.type === 'predict_output';
  const inputId = `${question.id}-text`;
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void send(text);
  }
  return (
    <form onSubmit={onSubmit}>
      {predict && (
        <pre className="code-block" aria-label="Code to run in your head">
          <code>{question.code}</code>
        </pre>
      )}
      <label htmlFor={inputId}>{predict ? 'What does this print? (exact output)' : 'Your answer'}</label>
      {predict ? (
        <textarea id={inputId} rows={3} value={text} onChange={(e) => setText(e.target.value)} disabled={locked || !!answer} spellCheck={false} className="mono" />
      ) : (
        <input id={inputId} value={text} onChange={(e) => setText(e.target.value)} disabled={locked || !!answer} />
      )}
      <ErrorBox message={error} />
      {!answer && !locked && (
        <button type="submit" className="primary" disabled={busy || !text.trim()}>
          {checkLabel(scoresHidden)}
        </button>
      )}
      <div aria-live="polite">{answer && <AnswerVerdict answer={answer} takeFocus={justAnswered} />}</div>
    </form>
  );
}
