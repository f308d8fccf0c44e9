import { useCallback, useEffect, useRef, useState } from 'react';
import { api, errorText, type Page } from '../api/client.js';
import type { LearnerAnswer, LearnerAttempt, LearnerQuiz, QuizProgress } from '../api/types.js';
import { ErrorBox, Loading, PageTitle } from '../components/feedback.js';
import { pointsOf } from '../components/points.js';
import { Markdown } from '../components/markdown.js';
import { useLoad } from '../components/use-load.js';
import { QuestionCard, answerFor } from '../questions/question-card.js';
import { Countdown, ExamNotice } from './exam-parts.js';

async function loadQuiz(quizId: string) {
  const [quiz, progress] = await Promise.all([
    api.get<LearnerQuiz>(`/api/quizzes/${quizId}`),
    api.get<Page<QuizProgress>>('/api/me/progress?pageSize=100'),
  ]);
  return { quiz, progress: progress.items.find((p) => p.quizId === quizId) };
}

/** A quiz's cover (rules, attempts) and, once started, the attempt itself. */
export function QuizPage({ quizId }: { quizId: string }) {
  const loaded = useLoad(() => loadQuiz(quizId), quizId);
  const [attempt, setAttempt] = useState<LearnerAttempt>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => setAttempt(undefined), [quizId]);

  async function start() {
    setBusy(true);
    setError(undefined);
    try {
      setAttempt(await api.post<LearnerAttempt>(`/api/quizzes/${quizId}/attempts`));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  if (attempt) return <AttemptView initial={attempt} />;
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
            {quiz.questions.length} {quiz.questions.length === 1 ? 'question' : 'questions'} · {quiz.maxScore} points ·{' '}
            {limit === null || limit === undefined ? 'unlimited attempts' : `${limit} ${limit === 1 ? 'attempt' : 'attempts'} allowed`}
            {progress && ` · you have used ${progress.attemptsUsed}`}
          </p>
          {quiz.exam && <ExamNotice exam={quiz.exam} />}
          {progress?.bestScore !== null && progress?.bestScore !== undefined && (
            <p>
              Your best score: <strong>{pointsOf(progress.bestScore, progress.maxScore)}</strong>
            </p>
          )}
          {quiz.availability === 'open' ? (
            <button type="button" className="primary" onClick={() => void start()} disabled={busy}>
              {progress?.inProgressAttemptId ? 'Continue your attempt' : quiz.exam ? `Start the exam (${quiz.exam.minutes} minutes)` : 'Start an attempt'}
            </button>
          ) : (
            <p className="muted">{quiz.availability === 'closed' ? 'This quiz is closed.' : 'This quiz is not open yet.'}</p>
          )}
        </div>
      )}
    </section>
  );
}

function AttemptView({ initial }: { initial: LearnerAttempt }) {
  const [attempt, setAttempt] = useState(initial);
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
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  const locked = finished || timeUp;
  // An exam may show one question at a time (a finished attempt shows them all, for review).
  const oneAtATime = !!attempt.exam?.oneAtATime && !finished;
  const [current, setCurrent] = useState(0);
  function go(index: number) {
    if (index < 0 || index >= attempt.questions.length) return;
    setCurrent(index);
    // The new question's heading takes the focus, so keyboard and screen-reader users land on it.
    requestAnimationFrame(() => document.getElementById(`question-${attempt.questions[index]!.id}`)?.focus());
  }
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
            key={question.id}
            question={question}
            index={index}
            total={attempt.questions.length}
            attemptId={attempt.id}
            answer={answerFor(attempt.answers, question.id)}
            locked={locked}
            onAnswered={onAnswered}
            refresh={refresh}
            runAllowed={attempt.exam?.visibleTests ?? true}
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
          <p>
            Answers are final once checked. Finish the attempt to record your score.
            {attempt.deadline && ' If you do not, the server finishes it when the time is up.'}
          </p>
          <button type="button" className="primary" onClick={() => void finish()} disabled={busy}>
            Finish attempt
          </button>
        </div>
      )}
      {finished && <Markdown text="[Back to the course](#/)" />}
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
