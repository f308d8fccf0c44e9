import type { CodeQuestion, MultipleChoiceQuestion, OrderingQuestion, PredictOutputQuestion, ShortAnswerQuestion, SingleChoiceQuestion } from '@app/quiz-spec';

/** One question of each type, with secrets that specs check never leave through a learner view. */
export const single: SingleChoiceQuestion = {
  type: 'single_choice', id: 'pick', prompt: 'Pick one', points: 2, concepts: [], explanation: 'Because a.',
  choices: [
    { id: 'a', text: 'A', correct: true, feedback: 'Yes, a.' },
    { id: 'b', text: 'B', correct: false, feedback: 'Not b.' },
  ],
};

export const multiple: MultipleChoiceQuestion = {
  type: 'multiple_choice', id: 'many', prompt: 'Pick some', points: 1, concepts: [], partial: false,
  choices: [
    { id: 'x', text: 'X', correct: true },
    { id: 'y', text: 'Y', correct: true },
    { id: 'z', text: 'Z', correct: false },
  ],
};

export const ordering: OrderingQuestion = {
  type: 'ordering', id: 'order', prompt: 'Order them', points: 1, concepts: [], partial: false, items: ['L', 'E', 'G', 'B'],
};

export const predict: PredictOutputQuestion = {
  type: 'predict_output', id: 'predict', prompt: 'What prints?', points: 1, concepts: [], code: 'print(1 + 1)', expected_output: '2\n',
};

export const short: ShortAnswerQuestion = {
  type: 'short_answer', id: 'word', prompt: 'Which keyword?', points: 1, concepts: [], accept: ['nonlocal'], case_sensitive: false,
};

export const code: CodeQuestion = {
  type: 'code', id: 'counter', prompt: 'Write make_counter', points: 4, concepts: [], starter: 'def make_counter(): ...',
  module: 'solution', limits: {}, virtual_clock: false, attempts: 2, hints: [],
  examples: [{ name: 'first', expr: 'make_counter()()', expected: 1, points: 1 }],
  tests: [{ name: 'hidden_ten', expr: 'SECRET_EXPR()', expected: 'SECRET_VALUE', points: 3 }],
  solution: 'SECRET_SOLUTION', wrong_solutions: [], other_solutions: [{ name: 'SECRET_OTHER_NAME', code: 'SECRET_OTHER_CODE' }],
};
