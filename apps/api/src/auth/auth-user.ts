import type { PublicUser } from '../users/user.types.js';

/**
 * The signed-in user attached to a request by JwtAuthGuard, loaded fresh from the database on
 * every request (id, email, displayName, role, createdAt, updatedAt; never the hash).
 */
export type AuthUser = PublicUser;

/**
 * Claims inside the access token: the user id and the session (a row of `sessions`, deleted at
 * sign-out); role and existence are read per request.
 */
export interface AccessTokenClaims {
  sub: string;
  sid: string;
}

export const ACCESS_TOKEN_COOKIE = 'access_token';
export const ACCESS_TOKEN_TTL_SECONDS = 12 * 60 * 60;
