import { useEffect, useRef } from 'react';
import type { LearnerAnswer } from '../api/types.js';
import { pointsOf } from '../components/points.js';
import { Markdown } from '../components/markdown.js';

/** What the learner sees once a question is answered: right or wrong, points, feedback. */
export function AnswerVerdict({ answer, takeFocus = false }: { answer: LearnerAnswer; takeFocus?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (takeFocus) ref.current?.focus();
  }, [takeFocus]);
  const verdict = answer.correct === true ? 'Correct' : answer.correct === false ? (answer.score ? 'Partly correct' : 'Incorrect') : 'Answered';
  // No verdict yet (exam scores not released): neither green nor red.
  const tone = answer.correct === null ? 'pending' : answer.correct === true ? 'pass' : answer.score ? 'partial' : 'fail';
  return (
    <div className={`verdict ${tone}`} ref={ref} tabIndex={-1} data-testid="answer-verdict">
      <p>
        <strong>{verdict}</strong>
        {answer.points !== null && ` · ${pointsOf(answer.points, answer.maxPoints)} points`}
      </p>
      {answer.feedback && <Markdown text={answer.feedback} />}
      {answer.explanation && (
        <details>
          <summary>Explanation</summary>
          <Markdown text={answer.explanation} />
        </details>
      )}
    </div>
  );
}
