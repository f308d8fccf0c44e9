import type { RequestHandler } from 'express';

/**
 * Lets registered LMSs show PyQuiz in their iframe: helmet's `frame-ancestors 'self'` gains the
 * LMS origins, and X-Frame-Options (which cannot name another origin) goes. `form-action` gains
 * them too: the deep-linking page posts its reply to the LMS in a form. With no platform
 * registered, nothing changes: no page can be framed by another site.
 */
export function ltiFraming(origins: () => readonly string[]): RequestHandler {
  return (_request, response, next) => {
    const allowed = origins();
    if (allowed.length > 0) {
      const csp = response.getHeader('Content-Security-Policy');
      if (typeof csp === 'string') {
        const origins = allowed.join(' ');
        response.setHeader('Content-Security-Policy', csp.replace(/frame-ancestors [^;]*/, `frame-ancestors 'self' ${origins}`).replace(/form-action [^;]*/, `form-action 'self' ${origins}`));
      }
      response.removeHeader('X-Frame-Options');
    }
    next();
  };
}
