import { HttpException } from '@nestjs/common';

/**
 * A launch refused for a reason the LMS admin (or the learner) can act on. `advice` says what
 * to configure or do; the error page and the JSON body both carry it.
 */
export class LtiLaunchError extends HttpException {
  constructor(
    status: 400 | 401 | 403 | 404,
    readonly reason: string,
    message: string,
    readonly advice: string,
    /** A way out the page offers as a link, opened in a new window (top level: first-party cookies). */
    readonly newWindowUrl?: string,
  ) {
    super({ message, details: { reason, advice, ...(newWindowUrl ? { newWindowUrl } : {}) } }, status);
  }
}
