import type { ReactNode } from 'react';
import { DashboardPage } from './admin/dashboard-page.js';
import { Layout } from './components/layout.js';
import { Loading, PageTitle } from './components/feedback.js';
import { EditorPage } from './instructor/editor-page.js';
import { ExerciseListPage } from './instructor/exercise-list-page.js';
import { PreviewPage } from './instructor/preview-page.js';
import { RegradePage } from './instructor/regrade-page.js';
import { AuthPage } from './pages/auth-page.js';
import { CoursePage } from './pages/course-page.js';
import { HistoryPage } from './pages/history-page.js';
import { QuizPage } from './pages/quiz-page.js';
import { matchRoute, usePath } from './router.js';
import { canAuthor, useSession } from './session.js';
import type { User } from './api/types.js';

type Route = [pattern: string, render: (params: Record<string, string>, user: User) => ReactNode, allowed?: (user: User) => boolean];

const quizId = (p: Record<string, string>) => `${p.course}/${p.slug}`;
const ROUTES: Route[] = [
  ['/', () => <CoursePage />],
  ['/history', () => <HistoryPage />],
  ['/quiz/:course/:slug', (p) => <QuizPage key={quizId(p)} quizId={quizId(p)} />],
  ['/instructor', () => <ExerciseListPage />, canAuthor],
  ['/instructor/new', () => <EditorPage key="new" />, canAuthor],
  ['/instructor/edit/:course/:slug', (p) => <EditorPage key={quizId(p)} quizId={quizId(p)} />, canAuthor],
  ['/instructor/preview/:course/:slug', (p) => <PreviewPage key={quizId(p)} quizId={quizId(p)} />, canAuthor],
  ['/instructor/regrade/:course/:slug', (p) => <RegradePage key={quizId(p)} quizId={quizId(p)} />, canAuthor],
  ['/admin', () => <DashboardPage />, (u) => u.role === 'admin'],
];

export function App() {
  const path = usePath();
  const { user } = useSession();
  return <Layout path={path}>{renderPage(path, user)}</Layout>;
}

function renderPage(path: string, user: User | null | undefined): ReactNode {
  if (user === undefined) return <Loading />;
  if (path === '/register') return <AuthPage mode="register" />;
  if (!user || path === '/login') return <AuthPage mode="login" />;
  for (const [pattern, render, allowed] of ROUTES) {
    const params = matchRoute(pattern, path);
    if (!params) continue;
    if (allowed && !allowed(user)) return <PageTitle>This page is for instructors and admins.</PageTitle>;
    return render(params, user);
  }
  return <PageTitle>Page not found</PageTitle>;
}
