import type { LearnerAnswer, LearnerQuestionView } from '../api/types.js';
import { Markdown } from '../components/markdown.js';
import { ChoiceQuestion } from './choice-question.js';
import { CodeQuestion } from './code-question.js';
import { OrderingQuestion } from './ordering-question.js';
import { ParsonsQuestion } from './parsons-question.js';
import type { QuestionProps } from './question-props.js';
import { TextQuestion } from './text-question.js';

const TYPE_LABEL: Record<LearnerQuestionView['type'], string> = {
  single_choice: 'Single choice',
  multiple_choice: 'Multiple choice',
  ordering: 'Ordering',
  parsons: 'Parsons problem',
  predict_output: 'Predict the output',
  short_answer: 'Short answer',
  code: 'Code',
};

/** One question with its prompt, as a labelled region; the body depends on the type. */
export function QuestionCard(props: QuestionProps<LearnerQuestionView> & { index: number; total: number }) {
  const { question, index, total, answer } = props;
  const headingId = `question-${question.id}`;
  return (
    <section className="card question" aria-labelledby={headingId} data-question={question.id}>
      <h2 id={headingId} tabIndex={-1}>
        Question {index + 1} of {total}
        {question.type === 'code' && question.title ? `: ${question.title}` : ''}{' '}
        <span className="muted small">
          · {TYPE_LABEL[question.type]} · {question.points} {question.points === 1 ? 'point' : 'points'}
          {answer ? ' · answered' : ''}
        </span>
      </h2>
      <Markdown text={question.prompt} />
      <QuestionBody {...props} />
    </section>
  );
}

function QuestionBody(props: QuestionProps<LearnerQuestionView>) {
  const { question } = props;
  const shared = { attemptId: props.attemptId, answer: props.answer, locked: props.locked, onAnswered: props.onAnswered, refresh: props.refresh, runAllowed: props.runAllowed, scoresHidden: props.scoresHidden };
  switch (question.type) {
    case 'single_choice':
    case 'multiple_choice':
      return <ChoiceQuestion question={question} {...shared} />;
    case 'ordering':
      return <OrderingQuestion question={question} {...shared} />;
    case 'parsons':
      return <ParsonsQuestion question={question} {...shared} work={props.work} reviewing={props.reviewing} />;
    case 'predict_output':
    case 'short_answer':
      return <TextQuestion question={question} {...shared} />;
    case 'code':
      return <CodeQuestion question={question} {...shared} work={props.work} reviewing={props.reviewing} />;
  }
}

export function answerFor(answers: LearnerAnswer[], key: string): LearnerAnswer | undefined {
  return answers.find((a) => a.questionKey === key);
}
