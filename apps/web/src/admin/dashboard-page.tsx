import { useEffect, useMemo, useState } from 'react';
import { api, type Page } from '../api/client.js';
import type { ActivityReport, ConceptStats, QuestionStats, QuizStats } from '../api/types.js';
import { ErrorBox, Loading, PageTitle, percent } from '../components/feedback.js';
import { useLoad } from '../components/use-load.js';
import { ChartPanel } from './chart-panel.js';
import { LearnerTable } from './learner-table.js';

/** Admin overview: per-quiz scores and questions, concepts, activity, learners, CSV export. */
export function DashboardPage() {
  const quizzes = useLoad(() => api.get<Page<QuizStats>>('/api/admin/dashboard/quizzes?pageSize=100'), 'quizzes');
  const concepts = useLoad(() => api.get<Page<ConceptStats>>('/api/admin/dashboard/concepts?pageSize=30'), 'concepts');
  const activity = useLoad(() => api.get<ActivityReport>('/api/admin/dashboard/activity?days=30'), 'activity');
  const [quizId, setQuizId] = useState<string>();
  const items = quizzes.data?.items ?? [];
  useEffect(() => {
    // Start on the quiz with the most attempts: the most informative chart. A functional update, so
    // a quiz the user picked before this effect ran (React flushes it just before the pick's
    // render) is never overwritten by the default.
    if (!quizId && items.length) setQuizId((picked) => picked ?? [...items].sort((a, b) => b.attempts - a.attempts)[0]!.quizId);
  }, [items, quizId]);
  const quiz = items.find((q) => q.quizId === quizId);
  return (
    <section>
      <PageTitle>Dashboard</PageTitle>
      {quizzes.loading && !quizzes.data && <Loading />}
      <ErrorBox message={quizzes.error ?? concepts.error ?? activity.error} />
      <div className="button-row">
        <label>
          Quiz{' '}
          <select value={quizId ?? ''} onChange={(e) => setQuizId(e.currentTarget.value)}>
            {items.map((q) => (
              <option key={q.quizId} value={q.quizId}>
                {q.title} ({q.attempts} {q.attempts === 1 ? "attempt" : "attempts"})
              </option>
            ))}
          </select>
        </label>
        {quizId && (
          <a className="button" href={`/api/admin/quizzes/${quizId}/scores.csv`} download>
            Download scores (CSV)
          </a>
        )}
      </div>
      {quiz && <QuizFigures quiz={quiz} />}
      <div className="chart-grid">
        {quiz && <ScoreChart quiz={quiz} />}
        {quizId && <QuestionChart quizId={quizId} />}
        {concepts.data && <ConceptChart concepts={concepts.data.items} />}
        {activity.data && <ActivityChart report={activity.data} />}
      </div>
      <LearnerTable />
    </section>
  );
}

function QuizFigures({ quiz }: { quiz: QuizStats }) {
  if (quiz.attempts === 0) return <p className="card figures">No data yet: nobody has started {quiz.title}.</p>;
  return (
    <p className="card figures">
      {quiz.attempts} {quiz.attempts === 1 ? 'attempt' : 'attempts'} by {quiz.learners} {quiz.learners === 1 ? 'learner' : 'learners'} · {quiz.completedAttempts} complete ({percent(quiz.completionRate)}), {quiz.submittedAttempts} finished · mean score{' '}
      {percent(quiz.meanScore)} · median {percent(quiz.medianScore)}
    </p>
  );
}

function ScoreChart({ quiz }: { quiz: QuizStats }) {
  const labels = useMemo(() => quiz.scoreDistribution.map((b) => b.label), [quiz]);
  // The attempts that have a score (docs/scoring.md): practice attempts count as they go.
  const scored = quiz.scoreDistribution.reduce((sum, b) => sum + b.count, 0);
  const series = useMemo(() => [{ label: 'Scored attempts', values: quiz.scoreDistribution.map((b) => b.count) }], [quiz]);
  const summary = `${scored} scored attempts of ${quiz.title} by score band.`;
  return <ChartPanel id="chart-scores" title={`Score distribution: ${quiz.title}`} summary={summary} type="bar" labels={labels} series={series} hasData={scored > 0} />;
}

function QuestionChart({ quizId }: { quizId: string }) {
  const stats = useLoad(() => api.get<Page<QuestionStats>>(`/api/admin/dashboard/questions?quizId=${encodeURIComponent(quizId)}&pageSize=100`), quizId);
  const rows = stats.data?.items ?? [];
  const labels = useMemo(() => rows.map((q) => q.key), [rows]);
  const series = useMemo(() => [{ label: 'Pass rate', values: rows.map((q) => q.passRate) }], [rows]);
  if (stats.error) return <ErrorBox message={stats.error} />;
  if (!stats.data) return null;
  return (
    <>
      <ChartPanel id="chart-questions" title="Pass rate per question" summary={`${rows.length} questions.`} type="bar" labels={labels} series={series} percent />
      <CommonMistakes rows={rows} />
      <GradingFaults rows={rows} />
      <VariantBreakdown rows={rows} />
    </>
  );
}

/** The class's common mistakes at a glance: the misconceptions failed tests named, per question. */
function CommonMistakes({ rows }: { rows: QuestionStats[] }) {
  const withMistakes = rows.filter((q) => q.misconceptions.length > 0);
  if (withMistakes.length === 0) return null;
  return (
    <section className="card" aria-labelledby="common-mistakes">
      <h3 id="common-mistakes">Common mistakes</h3>
      <table>
        <caption className="visually-hidden">Misconceptions found in graded submissions, per question</caption>
        <thead>
          <tr>
            <th scope="col">Question</th>
            <th scope="col">Mistake</th>
            <th scope="col">Learners</th>
            <th scope="col">Failed tests</th>
          </tr>
        </thead>
        <tbody>
          {withMistakes.flatMap((q) =>
            q.misconceptions.map((m) => (
              <tr key={`${q.key}-${m.name}`}>
                <td>{q.key}</td>
                <td>{m.name.replace(/-/g, ' ')}</td>
                <td>{m.learners}</td>
                <td>{m.failures}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </section>
  );
}

/** Questions with per-learner variants: the pass rate of each variant, to spot a harder one. */
function VariantBreakdown({ rows }: { rows: QuestionStats[] }) {
  const varied = rows.filter((q) => q.variants && q.variants.length > 0);
  if (varied.length === 0) return null;
  return (
    <section className="card" aria-labelledby="variant-breakdown">
      <h3 id="variant-breakdown">Pass rate per variant</h3>
      {varied.map((q) => (
        <table key={q.key} data-testid={`variants-${q.key}`}>
          <caption>
            <strong>{q.key}</strong>: {q.passRate === null ? 'no graded attempts' : `${Math.round(q.passRate * 100)} % over all variants`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Values</th>
              <th scope="col">Graded attempts</th>
              <th scope="col">Pass rate</th>
            </tr>
          </thead>
          <tbody>
            {q.variants!.map((v) => (
              <tr key={JSON.stringify(v.values)}>
                <th scope="row">
                  <code>{Object.entries(v.values).map(([name, value]) => `${name} = ${String(value)}`).join(', ')}</code>
                </th>
                <td>{v.gradedAttempts}</td>
                <td>{v.passRate === null ? '–' : `${Math.round(v.passRate * 100)} %`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </section>
  );
}

/** Tests that could not be graded are not the learners' failures: shown apart, so they get fixed. */
function GradingFaults({ rows }: { rows: QuestionStats[] }) {
  const faulty = rows.filter((q) => q.gradingFaults.grader + q.gradingFaults.author > 0);
  if (faulty.length === 0) return null;
  return (
    <section className="card" aria-labelledby="grading-faults">
      <h3 id="grading-faults">Tests that could not be graded</h3>
      <p>Not counted as learners' failures. Grader faults are logged by the API; exercise faults need a fix in the exercise's tests.</p>
      <ul>
        {faulty.map((q) => (
          <li key={q.key}>
            <strong>{q.key}</strong>: {plural(q.gradingFaults.grader, 'test result')} by the grader, {plural(q.gradingFaults.author, 'test result')} by the exercise
          </li>
        ))}
      </ul>
    </section>
  );
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function ConceptChart({ concepts }: { concepts: ConceptStats[] }) {
  const rated = useMemo(() => concepts.filter((c) => c.failureRate !== null), [concepts]);
  const labels = useMemo(() => rated.map((c) => c.concept), [rated]);
  const series = useMemo(() => [{ label: 'Failure rate', values: rated.map((c) => c.failureRate) }], [rated]);
  return <ChartPanel id="chart-concepts" title="Failure rate per concept" summary="Highest failure rate first." type="bar" horizontal labels={labels} series={series} percent />;
}

function ActivityChart({ report }: { report: ActivityReport }) {
  const labels = useMemo(() => report.days.map((d) => d.date.slice(5)), [report]);
  const series = useMemo(
    () => [
      { label: 'Submissions', values: report.days.map((d) => d.submissions) },
      { label: 'Test runs', values: report.days.map((d) => d.runs) },
      { label: 'Attempts started', values: report.days.map((d) => d.attemptsStarted) },
      { label: 'Active learners', values: report.days.map((d) => d.activeLearners) },
    ],
    [report],
  );
  const hasData = series.some((s) => s.values.some((v) => v > 0));
  return <ChartPanel id="chart-activity" title="Activity over the last 30 days" summary={`From ${report.from} to ${report.to}, per UTC day.`} type="line" labels={labels} series={series} hasData={hasData} />;
}
