import { BadRequestException } from '@nestjs/common';
import { parsonsProgram, questionForSeed } from '@app/quiz-spec';
import type { OwnQuestion, QuestionLimit } from '../attempts/attempt.types.js';
import type { SubmissionKind } from './submission.types.js';

/** Code as written, or the lines of a run-graded Parsons problem in the learner's order. */
export type SubmissionInput = string | { lines: unknown };

/**
 * The program to store and grade. A code question takes source; a Parsons problem with
 * `grading: run` takes only lines among those it gives (never free code: the learner could
 * otherwise send any program), assembled as this attempt's variant shows them.
 */
export function sourceOf(question: QuestionLimit, attempt: OwnQuestion['attempt'], input: SubmissionInput, kind: SubmissionKind): string {
  const { key } = question;
  const answerRoute = `PUT /api/attempts/${attempt.id}/answers/${key}`;
  if (question.type === 'code') {
    if (typeof input !== 'string') throw badField('source', `"${key}" is a code question: send its code as source`);
    return input;
  }
  const parsons = question.parsons;
  if (!parsons || parsons.grading !== 'run') throw new BadRequestException(`"${key}" is not a code question: answer it with ${answerRoute}`);
  if (kind === 'run') throw new BadRequestException(`"${key}" has no visible tests to run: submit your lines to have the program graded`);
  if (typeof input === 'string') throw badField('lines', `"${key}" is a Parsons problem: send the lines of your program as lines, [{ line, indent }]`);
  const program = parsonsProgram(questionForSeed(parsons, attempt.variantSeed), input.lines);
  if (typeof program !== 'string') throw badField('lines', `lines ${program.problem}`);
  return program;
}

function badField(field: string, message: string): BadRequestException {
  return new BadRequestException({ message, details: [{ field, errors: [message] }] });
}
