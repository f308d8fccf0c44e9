import type { CookieOptions, Response } from 'express';
import { ACCESS_TOKEN_COOKIE, ACCESS_TOKEN_TTL_SECONDS } from './auth-user.js';

function cookieOptions(secure: boolean): CookieOptions {
  // httpOnly: page scripts cannot read it; Lax: not sent on cross-site POSTs (CSRF).
  return { httpOnly: true, sameSite: 'lax', secure, path: '/' };
}

export function setAuthCookie(response: Response, token: string, secure: boolean): void {
  response.cookie(ACCESS_TOKEN_COOKIE, token, { ...cookieOptions(secure), maxAge: ACCESS_TOKEN_TTL_SECONDS * 1000 });
}

export function clearAuthCookie(response: Response, secure: boolean): void {
  response.clearCookie(ACCESS_TOKEN_COOKIE, cookieOptions(secure));
}
