import { toLearnerView, gradeAnswer } from '@app/quiz-spec';
import type { LearnerAnswer, LearnerAttempt } from '@app/contracts';
import type { AnswerRecord, AttemptRecord, QuestionRecord } from './attempt.types.js';

/**
 * The learner's own answer. Feedback of a non-code answer is not stored: grading is pure, so it
 * is recomputed from the stored response (and follows a corrected explanation in the same version).
 */
export function toLearnerAnswer(question: QuestionRecord, answer: AnswerRecord): LearnerAnswer {
  const view: LearnerAnswer = {
    questionKey: question.key,
    response: answer.response,
    correct: answer.correct,
    score: answer.score,
    points: answer.points,
    maxPoints: question.points,
  };
  const content = question.content;
  if (content.type === 'code') return view;
  const { feedback } = gradeAnswer(content, answer.response);
  if (feedback !== undefined && feedback !== content.explanation) view.feedback = feedback;
  if (content.explanation !== undefined) view.explanation = content.explanation;
  return view;
}

/** An attempt as its owner sees it; ordering items are shuffled with the attempt id as seed. */
export function toLearnerAttempt(attempt: AttemptRecord): LearnerAttempt {
  const questionOf = new Map(attempt.version.questions.map((q) => [q.id, q]));
  const answers = attempt.answers
    .filter((answer) => questionOf.has(answer.questionId))
    .map((answer) => toLearnerAnswer(questionOf.get(answer.questionId)!, answer))
    .sort((a, b) => a.questionKey.localeCompare(b.questionKey));
  return {
    id: attempt.id,
    quizId: attempt.quiz.id,
    quizTitle: attempt.quiz.title,
    version: attempt.version.version,
    status: attempt.status,
    startedAt: attempt.startedAt.toISOString(),
    submittedAt: attempt.submittedAt?.toISOString() ?? null,
    score: attempt.score,
    maxScore: attempt.maxScore ?? attempt.version.questions.reduce((sum, q) => sum + q.points, 0),
    questions: attempt.version.questions.map((q) => toLearnerView(q.content, attempt.id)),
    answers,
  };
}
