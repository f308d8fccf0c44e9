import type { Actor } from './support/actors.js';

/**
 * Who may call what. Every route of the OpenAPI document must appear here: a new route that is
 * not added to this table fails the access matrix test, so nobody forgets to decide its policy.
 *  - public:   anyone, signed in or not
 *  - signedIn: any signed-in user (learner, instructor, admin); anonymous gets 401
 *  - staff:    instructor and admin; a learner gets 403
 *  - admin:    admin only; learner and instructor get 403
 */
export type Policy = 'public' | 'signedIn' | 'staff' | 'admin';

export const ACCESS_POLICY: Record<string, Policy> = {
  'GET /health': 'public',
  'GET /api/quizzes': 'public',
  'GET /api/quizzes/{course}/{slug}': 'public',
  'GET /api/courses': 'public',
  // the editor's code runner and a learner's work, opened from the dashboard or the Learners page
  'POST /api/authoring/code/questions': 'staff',
  'POST /api/authoring/code/try': 'staff',
  'GET /api/admin/learners/{userId}/attempts': 'staff',
  'GET /api/admin/learners/{userId}/submissions': 'staff',
  // LTI 1.3: the LMS and the launched browser call these without a PyQuiz session
  'GET /api/lti/jwks': 'public',
  'POST /api/lti/session': 'public',
  // any signed-in user: the deep-linking ticket of an LMS instructor's launch is the authorisation
  // (an LMS role never makes a PyQuiz instructor: docs/lti.md); without one, 400 naming it
  'POST /api/lti/deep-linking/response': 'signedIn',
  'GET /api/admin/lti': 'admin',
  'POST /api/admin/lti/platforms': 'admin',
  'PATCH /api/admin/lti/platforms/{id}': 'admin',
  'DELETE /api/admin/lti/platforms/{id}': 'admin',
  'POST /api/admin/lti/keys/rotate': 'admin',
  'GET /api/admin/lti/classes': 'admin',
  'GET /api/admin/lti/scores': 'admin',
  'POST /api/admin/lti/scores/{id}/retry': 'admin',
  'POST /api/auth/register': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'public',

  'GET /api/auth/me': 'signedIn',
  'POST /api/quizzes/{course}/{slug}/attempts': 'signedIn',
  'GET /api/attempts/{id}': 'signedIn',
  'PUT /api/attempts/{id}/answers/{questionKey}': 'signedIn',
  'POST /api/attempts/{id}/submit': 'signedIn',
  'POST /api/attempts/{id}/questions/{key}/run': 'signedIn',
  'POST /api/attempts/{id}/questions/{key}/submissions': 'signedIn',
  'GET /api/submissions/{id}': 'signedIn',
  'GET /api/attempts/{id}/code': 'signedIn',
  'PUT /api/attempts/{id}/questions/{key}/draft': 'signedIn',
  'GET /api/me/attempts': 'signedIn',
  'GET /api/me/progress': 'signedIn',

  'GET /api/authoring/quizzes': 'staff',
  'POST /api/authoring/validate': 'staff',
  'POST /api/authoring/quizzes': 'staff',
  'PUT /api/authoring/quizzes/{course}/{slug}': 'staff',
  'GET /api/authoring/quizzes/{course}/{slug}': 'staff',
  'GET /api/authoring/quizzes/{course}/{slug}/preview': 'staff',
  'POST /api/authoring/quizzes/{course}/{slug}/publish': 'staff',
  'POST /api/authoring/quizzes/{course}/{slug}/unpublish': 'staff',
  'GET /api/authoring/quizzes/{course}/{slug}/submissions': 'staff',
  'POST /api/authoring/quizzes/{course}/{slug}/regrade/preview': 'staff',
  'POST /api/authoring/quizzes/{course}/{slug}/regrade/commit': 'staff',
  'GET /api/authoring/exams/{course}/{slug}': 'staff',
  'PUT /api/authoring/exams/{course}/{slug}/release': 'staff',
  'PUT /api/authoring/exams/{course}/{slug}/accommodations': 'staff',

  'GET /api/admin/users': 'admin',
  'PATCH /api/admin/users/{id}/role': 'admin',
  'GET /api/admin/grading': 'admin',
  'GET /api/admin/quizzes/{course}/{slug}/scores.csv': 'admin',
  'GET /api/admin/dashboard/quizzes': 'admin',
  'GET /api/admin/dashboard/questions': 'admin',
  'GET /api/admin/dashboard/concepts': 'admin',
  // the learner list leads instructors to a learner's work (the drill-down below it)
  'GET /api/admin/dashboard/learners': 'staff',
  'GET /api/admin/dashboard/activity': 'admin',
};

/** The status class an actor must get: 401, 403, or "allowed" (anything but 401/403/5xx). */
export function expectedAccess(policy: Policy, actor: Actor): 401 | 403 | 'allowed' {
  if (policy === 'public') return 'allowed';
  if (actor === 'anonymous') return 401;
  if (policy === 'signedIn') return 'allowed';
  if (policy === 'staff') return actor === 'learner' ? 403 : 'allowed';
  return actor === 'admin' ? 'allowed' : 403;
}
