import { useState, type FormEvent } from 'react';
import type { LearnerChoiceView } from '../api/types.js';
import { ErrorBox } from '../components/feedback.js';
import { InlineMarkdown } from '../components/markdown.js';
import { AnswerVerdict } from './answer-verdict.js';
import { checkLabel } from './check-label.js';
import type { QuestionProps } from './question-props.js';
import { useAnswer } from './use-answer.js';

/** single_choice (radio buttons) and multiple_choice (checkboxes) in a labelled fieldset. */
export function ChoiceQuestion({ question, attemptId, answer, locked, onAnswered, scoresHidden }: QuestionProps<LearnerChoiceView>) {
  const multiple = question.type === 'multiple_choice';
  const sent = answer?.response;
  const [picked, setPicked] = useState<string[]>(Array.isArray(sent) ? sent.map(String) : typeof sent === 'string' ? [sent] : []);
  const { busy, error, send, justAnswered } = useAnswer(attemptId, question.id, onAnswered);
  const disabled = locked || !!answer || busy;

  function toggle(id: string, checked: boolean) {
    if (!multiple) setPicked([id]);
    else setPicked((now) => (checked ? [...now, id] : now.filter((p) => p !== id)));
  }
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void send(multiple ? picked : picked[0]);
  }
  return (
    <form onSubmit={onSubmit}>
      <fieldset disabled={disabled}>
        <legend>{multiple ? 'Choose every correct answer' : 'Choose one answer'}</legend>
        {question.choices.map((choice) => (
          <label key={choice.id} className={picked.includes(choice.id) && disabled ? 'choice picked' : 'choice'}>
            <input
              type={multiple ? 'checkbox' : 'radio'}
              name={`${question.id}-choice`}
              value={choice.id}
              checked={picked.includes(choice.id)}
              onChange={(e) => toggle(choice.id, e.currentTarget.checked)}
            />
            <InlineMarkdown text={choice.text} />
            {picked.includes(choice.id) && answer && <span className="picked-tag">Your answer</span>}
          </label>
        ))}
      </fieldset>
      <ErrorBox message={error} />
      {!answer && !locked && (
        <button type="submit" className="primary" disabled={busy || picked.length === 0}>
          {checkLabel(scoresHidden)}
        </button>
      )}
      <div aria-live="polite">{answer && <AnswerVerdict answer={answer} takeFocus={justAnswered} />}</div>
    </form>
  );
}
