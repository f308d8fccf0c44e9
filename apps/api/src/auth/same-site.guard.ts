import { ForbiddenException, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/**
 * For the routes that set or clear the session cookie (sign-in, sign-up, sign-out): 403 when the
 * browser says the request comes from another site (`Sec-Fetch-Site: cross-site` or `same-site`).
 * These routes take HTML form posts (the urlencoded parser is there for LTI launches), and a
 * cookie-setting top-level POST is not stopped by SameSite=Lax: a page elsewhere could sign the
 * victim's browser into the attacker's account (login CSRF), whose work then scored for the
 * attacker, or sign a learner out mid-exam. The pages' own fetches are `same-origin`, a typed
 * address is `none`, and API clients send no such header: all of them pass. (Browsers that do not
 * send Fetch Metadata are not protected by this; every current one does.)
 */
@Injectable()
export class SameSiteGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const site = context.switchToHttp().getRequest<Request>().headers['sec-fetch-site'];
    if (site === 'cross-site' || site === 'same-site') {
      throw new ForbiddenException('Signing in, signing up and signing out are refused when sent from another site: use the PyQuiz pages');
    }
    return true;
  }
}
