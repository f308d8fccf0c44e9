import { Suspense, lazy, type ReactNode } from 'react';
import { Layout } from './components/layout.js';
import { Loading, PageTitle } from './components/feedback.js';
import { AuthPage } from './pages/auth-page.js';
import { CoursePage } from './pages/course-page.js';
import { HistoryPage } from './pages/history-page.js';
import { QuizPage } from './pages/quiz-page.js';
import { matchRoute, usePath } from './router.js';
import { canAuthor, useSession } from './session.js';
import type { User } from './api/types.js';

// Learners never download the admin charts or the instructor pages.
const DashboardPage = lazy(() => import('./admin/dashboard-page.js').then((m) => ({ default: m.DashboardPage })));
const UsersPage = lazy(() => import('./admin/users-page.js').then((m) => ({ default: m.UsersPage })));
const EditorPage = lazy(() => import('./instructor/editor-page.js').then((m) => ({ default: m.EditorPage })));
const ExerciseListPage = lazy(() => import('./instructor/exercise-list-page.js').then((m) => ({ default: m.ExerciseListPage })));
const PreviewPage = lazy(() => import('./instructor/preview-page.js').then((m) => ({ default: m.PreviewPage })));
const ExamPage = lazy(() => import('./instructor/exam-page.js').then((m) => ({ default: m.ExamPage })));
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
  ['/instructor', () => <ExerciseListPage />, AUTHORS],
  ['/instructor/new', () => <EditorPage key="new" />, AUTHORS],
  ['/instructor/edit/:course/:slug', (p) => <EditorPage key={quizId(p)} quizId={quizId(p)} />, AUTHORS],
  ['/instructor/preview/:course/:slug', (p) => <PreviewPage key={quizId(p)} quizId={quizId(p)} />, AUTHORS],
  ['/instructor/regrade/:course/:slug', (p) => <RegradePage key={quizId(p)} quizId={quizId(p)} />, AUTHORS],
  ['/instructor/exam/:course/:slug', (p) => <ExamPage key={quizId(p)} quizId={quizId(p)} />, AUTHORS],
  ['/admin', () => <DashboardPage />, ADMINS],
  ['/admin/users', () => <UsersPage />, ADMINS],
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
  if (user === undefined) return <Loading />;
  if (path === '/register') return <AuthPage mode="register" />;
  if (!user || path === '/login') return <AuthPage mode="login" />;
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
