import { toLearnerView, gradeAnswer, isRunGraded, questionForSeed, type Question } from '@app/quiz-spec';
import type { LearnerAnswer, LearnerAttempt, LearnerExam } from '@app/contracts';
import type { AnswerRecord, AttemptRecord, QuestionRecord, QuizSettings } from './attempt.types.js';
import { scoresHidden } from './quiz-rules.js';

/**
 * The learner's own answer. Feedback of a non-code answer is not stored: grading is pure, so it
 * is recomputed from the stored response (and follows a corrected explanation in the same version).
 * `hidden`: exam scores not released yet, so the answer is shown without any verdict.
 */
export function toLearnerAnswer(question: QuestionRecord, answer: AnswerRecord, hidden = false, seed: number | string = 0): LearnerAnswer {
  if (hidden) return { questionKey: question.key, response: answer.response, correct: null, score: null, points: null, maxPoints: question.points };
  const view: LearnerAnswer = {
    questionKey: question.key,
    response: answer.response,
    correct: answer.correct,
    score: answer.score,
    points: answer.points,
    maxPoints: question.points,
  };
  // Feedback is recomputed against the attempt's own variant (the one the answer was graded against).
  const content = questionForSeed(question.content, seed);
  // Graded by running (code, a run-graded Parsons problem): the answer is the best submission, its feedback there.
  if (content.type === 'code' || isRunGraded(content)) return view;
  // A short answer's feedback is its explanation whatever was answered, so it is not graded again:
  // its patterns cost up to 50 ms each time, on every read of the attempt (red team redapi2).
  const feedback = content.type === 'short_answer' ? undefined : gradeAnswer(content, answer.response).feedback;
  if (feedback !== undefined && feedback !== content.explanation) view.feedback = feedback;
  if (content.explanation !== undefined) view.explanation = content.explanation;
  return view;
}

export function toLearnerExam(settings: QuizSettings): LearnerExam | null {
  const exam = settings.exam;
  // `?? false`: versions stored before the option existed.
  return exam ? { minutes: exam.minutes, visibleTests: exam.visible_tests, hideScores: exam.hide_scores, oneAtATime: exam.one_at_a_time ?? false } : null;
}

/** An attempt as its owner sees it; ordering items are shuffled with the attempt id as seed. */
export function toLearnerAttempt(attempt: AttemptRecord, now = new Date()): LearnerAttempt {
  const settings = attempt.version.settings;
  const hidden = scoresHidden(settings, attempt.quiz.scoresReleasedAt, now);
  const questionOf = new Map(attempt.version.questions.map((q) => [q.id, q]));
  const answers = attempt.answers
    .filter((answer) => questionOf.has(answer.questionId))
    .map((answer) => toLearnerAnswer(questionOf.get(answer.questionId)!, answer, hidden, attempt.variantSeed))
    .sort((a, b) => a.questionKey.localeCompare(b.questionKey));
  return {
    id: attempt.id,
    quizId: attempt.quiz.id,
    quizTitle: attempt.quiz.title,
    version: attempt.version.version,
    status: attempt.status,
    startedAt: attempt.startedAt.toISOString(),
    submittedAt: attempt.submittedAt?.toISOString() ?? null,
    score: hidden ? null : attempt.score,
    maxScore: attempt.maxScore ?? attempt.version.questions.reduce((sum, q) => sum + q.points, 0),
    exam: toLearnerExam(settings),
    deadline: attempt.deadlineAt?.toISOString() ?? null,
    serverTime: now.toISOString(),
    timedOut: attempt.timedOut,
    scoresHidden: hidden,
    questions: attempt.version.questions.map((q) => toLearnerView(learnerVariant(q.content, attempt.variantSeed), attempt.id)),
    answers,
  };
}

/** A question with variants (any type) as drawn by `seed`; others as they are. */
export function learnerVariant(question: Question, seed: number | string): Question {
  return questionForSeed(question, seed);
}
