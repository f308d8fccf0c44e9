import { api, type Page } from '../api/client.js';
import type { QuizProgress } from '../api/types.js';
import { ErrorBox, Loading, PageTitle, formatDate } from '../components/feedback.js';
import { pointsOf } from '../components/points.js';
import { useLoad } from '../components/use-load.js';

/** Every published quiz with the learner's best score, attempts and a link to continue. */
export function CoursePage() {
  const progress = useLoad(() => api.get<Page<QuizProgress>>('/api/me/progress?pageSize=100'), 'progress');
  const items = progress.data?.items ?? [];
  const done = items.filter((q) => q.bestScore !== null).length;
  return (
    <section>
      <PageTitle>Your course</PageTitle>
      {progress.loading && !progress.data && <Loading />}
      <ErrorBox message={progress.error} />
      {progress.data && (
        <p>
          {done} of {items.length} quizzes and exercises completed.{' '}
          <progress value={done} max={Math.max(items.length, 1)} aria-label="Course progress" />
        </p>
      )}
      {sectionsOf(items).map((group) =>
        group.title === null ? (
          <ul className="card-list" key={`items-${group.items[0]!.quizId}`}>
            {group.items.map((quiz) => <QuizCard key={quiz.quizId} quiz={quiz} />)}
          </ul>
        ) : (
          <section key={`section-${group.title}`} aria-labelledby={headingIdOf(group.title)} className="course-section">
            <h2 id={headingIdOf(group.title)}>{group.title}</h2>
            <ul className="card-list">
              {group.items.map((quiz) => <QuizCard key={quiz.quizId} quiz={quiz} heading="h3" />)}
            </ul>
          </section>
        ),
      )}
    </section>
  );
}

interface CourseGroup {
  title: string | null;
  items: QuizProgress[];
}

/** Consecutive items of one course.yaml section under its title (the API sends the course's order). */
export function sectionsOf(items: QuizProgress[]): CourseGroup[] {
  const groups: CourseGroup[] = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (last && last.title === item.section) last.items.push(item);
    else groups.push({ title: item.section, items: [item] });
  }
  return groups;
}

function headingIdOf(title: string): string {
  return `section-${title.toLowerCase().replace(/\W+/g, '-')}`;
}

function QuizCard({ quiz, heading: Heading = 'h2' }: { quiz: QuizProgress; heading?: 'h2' | 'h3' }) {
  const headingId = `quiz-${quiz.quizId.replace(/\W/g, '-')}`;
  const fraction = quiz.bestScore !== null && quiz.maxScore ? quiz.bestScore / quiz.maxScore : 0;
  const noAttemptsLeft = quiz.attemptsLeft === 0 && !quiz.inProgressAttemptId;
  const action = quiz.inProgressAttemptId ? 'Continue' : quiz.attemptsUsed > 0 ? 'Try again' : 'Start';
  return (
    <li className="card quiz-card" aria-labelledby={headingId}>
      <Heading id={headingId}>
        <span className={`badge ${quiz.kind}`}>{quiz.kind === 'exercise' ? 'Exercise' : 'Quiz'}</span> {quiz.title}
      </Heading>
      <p className="score-line">
        Best score:{' '}
        <strong>{quiz.scoresHidden ? 'shown once your instructor releases it' : quiz.bestScore === null ? 'not yet' : pointsOf(quiz.bestScore, quiz.maxScore)}</strong>
        <progress value={fraction} max={1} aria-label={`Best score for ${quiz.title}`} />
      </p>
      <p className="muted small">
        Attempts used: {quiz.attemptsUsed}
        {quiz.attemptsLeft !== null && ` · left: ${quiz.attemptsLeft}`} · last activity: {formatDate(quiz.lastActivityAt)}
      </p>
      {noAttemptsLeft ? (
        <p className="muted">No attempts left.</p>
      ) : (
        <a className="button primary" href={`#/quiz/${quiz.quizId}`} aria-label={`${action}: ${quiz.title}`}>
          {action}
        </a>
      )}
    </li>
  );
}
