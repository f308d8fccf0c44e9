import helmet from 'helmet';

/**
 * helmet with a policy fit for the pages we serve: CodeMirror injects style elements, so inline
 * styles are allowed; `upgrade-insecure-requests` only when the site is served over HTTPS
 * (COOKIE_SECURE), because over plain HTTP from another host the browser would fetch the scripts
 * over HTTPS, which this server does not speak, and the page would stay blank.
 */
export function securityHeaders(servedOverHttps: boolean) {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        'style-src': ["'self'", "'unsafe-inline'"],
        'upgrade-insecure-requests': servedOverHttps ? [] : null,
      },
    },
  });
}
