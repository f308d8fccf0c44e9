import { readParsonsAnswer, type Question } from '@app/quiz-spec';

export const MAX_TEXT_RESPONSE = 10_000;

type NonCode = Exclude<Question, { type: 'code' }>;

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/**
 * Why a response does not fit its question's type, or undefined when it fits. A malformed
 * answer is the client's mistake (400), not a wrong answer: it is never stored or scored.
 * Messages name only what the learner view already shows (choice ids, items).
 */
export function responseShapeError(question: NonCode, response: unknown): string | undefined {
  switch (question.type) {
    case 'single_choice': {
      const ids = question.choices.map((choice) => choice.id);
      return typeof response === 'string' && ids.includes(response) ? undefined : `must be one of the choice ids: ${ids.join(', ')}`;
    }
    case 'multiple_choice': {
      const ids = question.choices.map((choice) => choice.id);
      if (!isStringList(response) || response.some((id) => !ids.includes(id))) return `must be a list of choice ids among: ${ids.join(', ')}`;
      return new Set(response).size === response.length ? undefined : 'must not list a choice twice';
    }
    case 'ordering': {
      const sorted = [...question.items].sort();
      const isPermutation = isStringList(response) && response.length === sorted.length && [...response].sort().every((item, i) => item === sorted[i]);
      return isPermutation ? undefined : 'must list every item of the question exactly once, in your order';
    }
    case 'parsons': {
      const lines = readParsonsAnswer(question, response);
      return typeof lines === 'string' ? lines : undefined;
    }
    case 'predict_output':
    case 'short_answer':
      if (typeof response !== 'string') return 'must be a string';
      return response.length <= MAX_TEXT_RESPONSE ? undefined : `must be at most ${MAX_TEXT_RESPONSE} characters long`;
  }
}
