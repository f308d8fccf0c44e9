import { api, type Page } from '../api/client.js';
import type { CourseSummary, QuizProgress } from '../api/types.js';
import { ErrorBox, Loading, PageTitle, formatDate } from '../components/feedback.js';
import { Markdown } from '../components/markdown.js';
import { pointsOf } from '../components/points.js';
import { useLoad } from '../components/use-load.js';

/**
 * Every published quiz with the learner's best score, attempts and a link to continue: per
 * course (its course.yaml title and description), in the course's order, under its sections.
 */
export function CoursePage() {
  const progress = useLoad(() => api.get<Page<QuizProgress>>('/api/me/progress?pageSize=100'), 'progress');
  const courses = useLoad(() => api.get<Page<CourseSummary>>('/api/courses?pageSize=100'), 'courses');
  const items = progress.data?.items ?? [];
  // Complete: finished, or (not an exam) every question has its verdict (docs/scoring.md).
  const done = items.filter((q) => q.completed).length;
  const courseById = new Map((courses.data?.items ?? []).map((c) => [c.id, c]));
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
      {groupBy(items, (q) => q.course).map(({ key, items: ofCourse }) => (
        <CourseBlock key={`course-${key}`} course={courseById.get(key ?? '')} items={ofCourse} />
      ))}
    </section>
  );
}

/** One course: its title and description when it has a course.yaml, then its sections. */
function CourseBlock({ course, items }: { course: CourseSummary | undefined; items: QuizProgress[] }) {
  const sections = sectionsOf(items);
  const titled = course !== undefined;
  const body = sections.map((group) =>
    group.title === null ? (
      <ul className="card-list" key={`items-${group.items[0]!.quizId}`}>
        {group.items.map((quiz) => <QuizCard key={quiz.quizId} quiz={quiz} heading={titled ? 'h3' : 'h2'} />)}
      </ul>
    ) : (
      <section key={`section-${group.title}`} aria-labelledby={headingIdOf(group.title)} className="course-section">
        <h3 id={headingIdOf(group.title)}>{group.title}</h3>
        <ul className="card-list">
          {group.items.map((quiz) => <QuizCard key={quiz.quizId} quiz={quiz} heading="h4" />)}
        </ul>
      </section>
    ),
  );
  if (!course) return <>{body}</>;
  return (
    <section aria-labelledby={`course-${course.id}`} className="course">
      <h2 id={`course-${course.id}`}>{course.title}</h2>
      {course.description && <Markdown text={course.description} />}
      {body}
    </section>
  );
}

interface CourseGroup {
  title: string | null;
  items: QuizProgress[];
}

/** Consecutive items of one course.yaml section under its title (the API sends the course's order). */
export function sectionsOf(items: QuizProgress[]): CourseGroup[] {
  return groupBy(items, (q) => q.section).map(({ key, items: grouped }) => ({ title: key, items: grouped }));
}

function groupBy<K>(items: QuizProgress[], keyOf: (q: QuizProgress) => K): { key: K; items: QuizProgress[] }[] {
  const groups: { key: K; items: QuizProgress[] }[] = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (last && last.key === keyOf(item)) last.items.push(item);
    else groups.push({ key: keyOf(item), items: [item] });
  }
  return groups;
}

function headingIdOf(title: string): string {
  return `section-${title.toLowerCase().replace(/\W+/g, '-')}`;
}

function QuizCard({ quiz, heading: Heading }: { quiz: QuizProgress; heading: 'h2' | 'h3' | 'h4' }) {
  const headingId = `quiz-${quiz.quizId.replace(/\W/g, '-')}`;
  const fraction = quiz.bestScore !== null && quiz.maxScore ? quiz.bestScore / quiz.maxScore : 0;
  const noAttemptsLeft = quiz.attemptsLeft === 0 && !quiz.inProgressAttemptId;
  const action = quiz.inProgressAttemptId ? 'Continue' : quiz.attemptsUsed > 0 ? 'Try again' : 'Start';
  return (
    <li className="card quiz-card" aria-labelledby={headingId}>
      <Heading id={headingId}>
        <span className={`badge ${quiz.kind}`}>{quiz.kind === 'exercise' ? 'Exercise' : 'Quiz'}</span> {quiz.title}
        {quiz.completed && (
          <>
            {' '}
            <span className="badge done">Done</span>
          </>
        )}
      </Heading>
      {quiz.concepts.length > 0 && (
        <ul className="tags" aria-label="Concepts">
          {quiz.concepts.map((tag) => <li key={tag}>{tag.replace(/-/g, ' ')}</li>)}
        </ul>
      )}
      <p className="score-line">
        Best score:{' '}
        <strong>{quiz.scoresHidden ? 'shown once your instructor releases it' : quiz.bestScore === null ? 'not yet' : pointsOf(quiz.bestScore, quiz.maxScore)}</strong>
        <progress value={fraction} max={1} aria-label={`Best score for ${quiz.title}`} />
      </p>
      <p className="muted small">
        Attempts used: {quiz.attemptsUsed}
        {quiz.attemptLimit !== null && ` of ${quiz.attemptLimit}`}
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
