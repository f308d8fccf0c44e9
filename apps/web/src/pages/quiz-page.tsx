import { useCallback, useEffect, useRef, useState } from 'react';
import { api, errorText, type Page } from '../api/client.js';
import type { LearnerAnswer, LearnerAttempt, LearnerAttemptCode, LearnerQuiz, QuizProgress } from '../api/types.js';
import { finishNote } from './finish-note.js';
import { ErrorBox, Loading, PageTitle } from '../components/feedback.js';
import { pointsOf } from '../components/points.js';
import { Markdown } from '../components/markdown.js';
import { useLoad } from '../components/use-load.js';
import { QuestionCard, answerFor } from '../questions/question-card.js';
import { attemptPath, navigate, replacePath } from '../router.js';
import { Countdown, ExamNotice } from './exam-parts.js';
import { minutesText } from './exam-clock.js';

async function loadQuiz(quizId: string) {
  const [quiz, progress] = await Promise.all([
    api.get<LearnerQuiz>(`/api/quizzes/${quizId}`),
    api.get<Page<QuizProgress>>('/api/me/progress?pageSize=100'),
  ]);
  return { quiz, progress: progress.items.find((p) => p.quizId === quizId) };
}

/**
 * Starts an attempt (or continues the one in progress) and opens it at its own address, so that a
 * reload, a bookmark or sign-in leads back to it.
 */
function useStartAttempt(quizId: string) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  async function start() {
    setBusy(true);
    setError(undefined);
    try {
      const attempt = await api.post<LearnerAttempt>(`/api/quizzes/${quizId}/attempts`);
      navigate(attemptPath(attempt.id));
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  }
  return { start, error, busy };
}

/** A quiz's cover: its rules, the learner's attempts, and the button that starts one. */
export function QuizPage({ quizId }: { quizId: string }) {
  const loaded = useLoad(() => loadQuiz(quizId), quizId);
  const { start, error, busy } = useStartAttempt(quizId);
  const { quiz, progress } = loaded.data ?? {};
  // The learner's own limit (extra attempts granted included) once progress is known; the quiz's otherwise.
  const limit = progress ? progress.attemptLimit : quiz?.attemptLimit;
  return (
    <section>
      <PageTitle>{quiz?.title ?? 'Quiz'}</PageTitle>
      {loaded.loading && !loaded.data && <Loading />}
      <ErrorBox message={loaded.error ?? error} />
      {quiz && (
        <div className="card">
          <p>
            {quiz.questionCount} {quiz.questionCount === 1 ? 'question' : 'questions'} · {quiz.maxScore} points ·{' '}
            {limit === null || limit === undefined ? 'unlimited attempts' : `${limit} ${limit === 1 ? 'attempt' : 'attempts'} allowed`}
            {progress && ` · you have used ${progress.attemptsUsed}`}
          </p>
          {quiz.exam && <ExamNotice exam={quiz.exam} hasCode={quiz.hasCode} />}
          {progress?.bestScore !== null && progress?.bestScore !== undefined && (
            <p>
              Your best score: <strong>{pointsOf(progress.bestScore, progress.maxScore)}</strong>
            </p>
          )}
          {quiz.availability === 'open' ? (
            <button type="button" className="primary" onClick={() => void start()} disabled={busy}>
              {progress?.inProgressAttemptId ? 'Continue your attempt' : quiz.exam ? `Start the exam (${minutesText(quiz.exam.minutes)})` : 'Start an attempt'}
            </button>
          ) : (
            <p className="muted">{quiz.availability === 'closed' ? 'This quiz is closed.' : 'This quiz is not open yet.'}</p>
          )}
        </div>
      )}
    </section>
  );
}

interface AttemptViewProps {
  initial: LearnerAttempt;
  /** The learner's code kept by the server, per code question. */
  code: LearnerAttemptCode;
  /** 0-based, from the address: the question shown by an exam that shows one at a time. */
  question?: number;
}

/** An attempt in progress, or a finished one opened for review (read-only, as submitted). */
export function AttemptView({ initial, code: initialCode, question }: AttemptViewProps) {
  const [attempt, setAttempt] = useState(initial);
  const [code, setCode] = useState(initialCode);
  // Bumped when the code is read again after finishing: the questions reopen as submitted.
  const [codeRound, setCodeRound] = useState(0);
  const again = useStartAttempt(initial.quizId);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const scoreRef = useRef<HTMLParagraphElement>(null);
  const [justFinished, setJustFinished] = useState(false);
  const [timeUp, setTimeUp] = useState(false);
  const finished = attempt.status === 'submitted';
  // Start replaced the cover by the attempt: its title takes focus, so screen readers keep their place.
  useEffect(() => document.getElementById('page-title')?.focus(), []);
  // After the score is rendered (an effect runs after the commit, a frame may run before it).
  useEffect(() => {
    if (justFinished) scoreRef.current?.focus();
  }, [justFinished]);
  const answered = attempt.questions.filter((q) => answerFor(attempt.answers, q.id)).length;

  const onAnswered = (answer: LearnerAnswer) =>
    setAttempt((a) => ({ ...a, answers: [...a.answers.filter((x) => x.questionKey !== answer.questionKey), answer] }));
  const refresh = useCallback(() => void api.get<LearnerAttempt>(`/api/attempts/${attempt.id}`).then(setAttempt, (e: unknown) => setError(errorText(e))), [attempt.id]);
  const onTimeUp = useCallback(() => {
    setTimeUp(true);
    setJustFinished(true);
    refresh();
  }, [refresh]);
  // Time is up but code submitted in time is still being graded: the server ends the attempt after.
  useEffect(() => {
    if (!timeUp || finished) return;
    const timer = setInterval(refresh, 3000);
    return () => clearInterval(timer);
  }, [timeUp, finished, refresh]);

  async function finish() {
    const unanswered = attempt.questions.length - answered;
    if (unanswered > 0 && !window.confirm(`${unanswered} question(s) are unanswered and will score 0. Finish anyway?`)) return;
    setBusy(true);
    try {
      setAttempt(await api.post<LearnerAttempt>(`/api/attempts/${attempt.id}/submit`));
      setJustFinished(true);
      const submitted = await api.get<LearnerAttemptCode>(`/api/attempts/${attempt.id}/code`);
      setCode(submitted);
      setCodeRound((round) => round + 1);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  const locked = finished || timeUp;
  // An exam may show one question at a time (a finished attempt shows them all, for review).
  const oneAtATime = !!attempt.exam?.oneAtATime && !finished;
  // The question is in the address (a reload or a bookmark opens it again).
  const current = Math.min(Math.max(question ?? 0, 0), attempt.questions.length - 1);
  const moved = useRef(false);
  function go(index: number) {
    if (index < 0 || index >= attempt.questions.length) return;
    moved.current = true;
    replacePath(attemptPath(attempt.id, index));
  }
  // After the move is rendered, the new question's heading takes the focus, so keyboard and
  // screen-reader users land on it.
  useEffect(() => {
    if (moved.current) document.getElementById(`question-${attempt.questions[current]!.id}`)?.focus();
  }, [current, attempt.questions]);
  return (
    <section>
      <PageTitle>{attempt.quizTitle}</PageTitle>
      {attempt.deadline && !finished && !timeUp && <Countdown deadline={attempt.deadline} serverTime={attempt.serverTime} onEnd={onTimeUp} />}
      <p className="muted">
        {answered} of {attempt.questions.length} answered <progress value={answered} max={attempt.questions.length} aria-label="Questions answered" />
      </p>
      {timeUp && !finished && (
        <p className="final-score card" role="status">
          Time is up. Your attempt is being closed: code you submitted before the end is still being graded.
        </p>
      )}
      {finished && (
        <p className="final-score card" tabIndex={-1} ref={scoreRef} role="status" data-testid="final-score">
          {attempt.timedOut ? 'Time is up: the server ended your attempt. ' : 'Attempt finished. '}
          {attempt.scoresHidden ? (
            'Your answers are recorded; your score and feedback are shown once your instructor releases them.'
          ) : (
            <>
              Your score: <strong>{pointsOf(attempt.score, attempt.maxScore)}</strong>
            </>
          )}
        </p>
      )}
      {oneAtATime && <QuestionNavigator attempt={attempt} current={current} go={go} />}
      {attempt.questions.map((question, index) =>
        oneAtATime && index !== current ? null : (
          <QuestionCard
            key={`${question.id}:${codeRound}`}
            question={question}
            index={index}
            total={attempt.questions.length}
            attemptId={attempt.id}
            answer={answerFor(attempt.answers, question.id)}
            locked={locked}
            onAnswered={onAnswered}
            refresh={refresh}
            runAllowed={attempt.exam?.visibleTests ?? true}
            scoresHidden={attempt.exam?.hideScores ?? false}
            work={code.questions.find((w) => w.questionKey === question.id)}
            reviewing={finished}
          />
        ),
      )}
      {oneAtATime && (
        <div className="button-row">
          <button type="button" onClick={() => go(current - 1)} disabled={current === 0}>
            Previous question
          </button>
          <button type="button" onClick={() => go(current + 1)} disabled={current === attempt.questions.length - 1}>
            Next question
          </button>
        </div>
      )}
      <ErrorBox message={error} />
      {!locked && (
        <div className="card">
          <p>{finishNote(attempt)}</p>
          <button type="button" className="primary" onClick={() => void finish()} disabled={busy}>
            Finish attempt
          </button>
        </div>
      )}
      {finished && (
        <div className="card">
          {code.questions.length > 0 && <p>A new attempt starts from the code you submitted last; “Reset to starter code” is there if you want a clean start.</p>}
          <ErrorBox message={again.error} />
          <div className="button-row">
            <button type="button" className="primary" onClick={() => void again.start()} disabled={again.busy}>
              Try again
            </button>
          </div>
          <Markdown text="[Back to the course](#/) · [Your attempt history](#/history)" />
        </div>
      )}
    </section>
  );
}

/** Buttons to jump to any question of a one-at-a-time exam; answered ones are marked. */
function QuestionNavigator({ attempt, current, go }: { attempt: LearnerAttempt; current: number; go(index: number): void }) {
  return (
    <nav aria-label="Questions" className="question-nav">
      {attempt.questions.map((question, index) => {
        const answered = !!answerFor(attempt.answers, question.id);
        return (
          <button
            key={question.id}
            type="button"
            aria-current={index === current ? 'step' : undefined}
            aria-label={`Question ${index + 1}${answered ? ', answered' : ''}`}
            className={answered ? 'answered' : undefined}
            onClick={() => go(index)}
          >
            {index + 1}
            {answered ? ' ✓' : ''}
          </button>
        );
      })}
    </nav>
  );
}
