import type { LearnerAnswer } from '../api/types.js';
import { Markdown } from '../components/markdown.js';

/** What the learner sees once a question is answered: right or wrong, points, feedback. */
export function AnswerVerdict({ answer }: { answer: LearnerAnswer }) {
  const verdict = answer.correct === true ? 'Correct' : answer.correct === false ? (answer.score ? 'Partly correct' : 'Incorrect') : 'Answered';
  const tone = answer.correct === true ? 'pass' : answer.score ? 'partial' : 'fail';
  return (
    <div className={`verdict ${tone}`}>
      <p>
        <strong>{verdict}</strong>
        {answer.points !== null && ` · ${answer.points} / ${answer.maxPoints} points`}
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
