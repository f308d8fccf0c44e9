import { Suspense, lazy, type ReactNode } from 'react';
import { Layout } from './components/layout.js';
import { Loading, PageTitle } from './components/feedback.js';
import { AttemptPage } from './pages/attempt-page.js';
import { AuthPage } from './pages/auth-page.js';
import { CoursePage } from './pages/course-page.js';
import { HistoryPage } from './pages/history-page.js';
import { LtiEnterPage } from './pages/lti-enter-page.js';
import { QuizPage } from './pages/quiz-page.js';
import { matchRoute, routeOf, usePath } from './router.js';
import { canAuthor, useSession } from './session.js';
import type { User } from './api/types.js';

// Learners never download the admin charts or the instructor pages.
const DashboardPage = lazy(() => import('./admin/dashboard-page.js').then((m) => ({ default: m.DashboardPage })));
const UsersPage = lazy(() => import('./admin/users-page.js').then((m) => ({ default: m.UsersPage })));
const EditorPage = lazy(() => import('./instructor/editor-page.js').then((m) => ({ default: m.EditorPage })));
const ExerciseListPage = lazy(() => import('./instructor/exercise-list-page.js').then((m) => ({ default: m.ExerciseListPage })));
const PreviewPage = lazy(() => import('./instructor/preview-page.js').then((m) => ({ default: m.PreviewPage })));
const LtiAdminPage = lazy(() => import('./admin/lti-admin-page.js').then((m) => ({ default: m.LtiAdminPage })));
const DeepLinkPage = lazy(() => import('./instructor/deep-link-page.js').then((m) => ({ default: m.DeepLinkPage })));
const GuidePage = lazy(() => import('./instructor/guide-page.js').then((m) => ({ default: m.GuidePage })));
const ExamPage = lazy(() => import('./instructor/exam-page.js').then((m) => ({ default: m.ExamPage })));
const LearnersPage = lazy(() => import('./instructor/learners-page.js').then((m) => ({ default: m.LearnersPage })));
const RegradePage = lazy(() => import('./instructor/regrade-page.js').then((m) => ({ default: m.RegradePage })));

/** Who may open a route, and what everyone else reads there. */
interface Audience {
  allowed(user: User): boolean;
  refusal: string;
}
const AUTHORS: Audience = { allowed: canAuthor, refusal: 'This page is for instructors and admins.' };
const ADMINS: Audience = { allowed: (u) => u.role === 'admin', refusal: 'This page is for admins only.' };

type Route = [pattern: string, render: (params: Record<string, string>, user: User) => ReactNode, audience?: Audience];

const quizId = (p: Record<string, string>) => `${p.course}/${p.slug}`;
const ROUTES: Route[] = [
  ['/', () => <CoursePage />],
  ['/history', () => <HistoryPage />],
  ['/quiz/:course/:slug', (p) => <QuizPage key={quizId(p)} quizId={quizId(p)} />],
  // Same key on both: moving between questions keeps the attempt's page (and its unsaved state).
  ['/attempt/:id', (p) => <AttemptPage key={p.id} attemptId={p.id!} />],
  ['/attempt/:id/question/:n', (p) => <AttemptPage key={p.id} attemptId={p.id!} question={Number(p.n) - 1} />],
  ['/instructor', () => <ExerciseListPage />, AUTHORS],
  ['/instructor/guide', () => <GuidePage />, AUTHORS],
  ['/instructor/new', () => <EditorPage key="new" />, AUTHORS],
  ['/instructor/edit/:course/:slug', (p) => <EditorPage key={quizId(p)} quizId={quizId(p)} />, AUTHORS],
  ['/instructor/preview/:course/:slug', (p) => <PreviewPage key={quizId(p)} quizId={quizId(p)} />, AUTHORS],
  ['/instructor/regrade/:course/:slug', (p) => <RegradePage key={quizId(p)} quizId={quizId(p)} />, AUTHORS],
  ['/instructor/exam/:course/:slug', (p) => <ExamPage key={quizId(p)} quizId={quizId(p)} />, AUTHORS],
  ['/learners', () => <LearnersPage />, AUTHORS],
  ['/admin', () => <DashboardPage />, ADMINS],
  ['/admin/users', () => <UsersPage />, ADMINS],
  ['/admin/lti', () => <LtiAdminPage />, ADMINS],
  // Any signed-in user: the page needs the deep-linking ticket of an LMS instructor's launch,
  // which the API checks (an LMS role never makes a PyQuiz instructor: docs/lti.md).
  ['/lti/deep-link', () => <DeepLinkPage />],
];

export function App() {
  const path = usePath();
  const { user } = useSession();
  return (
    <Layout path={path}>
      <Suspense fallback={<Loading />}>{renderPage(path, user)}</Suspense>
    </Layout>
  );
}

function renderPage(path: string, user: User | null | undefined): ReactNode {
  // Before the session check: this page is how an LMS launch signs in.
  const launch = matchRoute('/lti/enter/:code', path);
  if (launch) return <LtiEnterPage key={launch.code} code={launch.code!} />;
  if (user === undefined) return <Loading />;
  // Signed out on any other page, the sign-in form shows in its place and leads back to it.
  if (routeOf(path) === '/register') return <AuthPage mode="register" path={path} />;
  if (!user || routeOf(path) === '/login') return <AuthPage mode="login" path={path} />;
  for (const [pattern, render, audience] of ROUTES) {
    const params = matchRoute(pattern, path);
    if (!params) continue;
    if (audience && !audience.allowed(user)) return <Refused audience={audience} user={user} />;
    return render(params, user);
  }
  return <PageTitle>Page not found</PageTitle>;
}

function Refused({ audience, user }: { audience: Audience; user: User }) {
  return (
    <section>
      <PageTitle>{audience.refusal}</PageTitle>
      <p>
        You are signed in as {user.email} ({user.role}). <a href="#/">Back to your course</a>
      </p>
    </section>
  );
}
