import type { PublicUser } from '../users/user.types.js';

/**
 * The signed-in user attached to a request by JwtAuthGuard, loaded fresh from the database on
 * every request (id, email, displayName, role, createdAt, updatedAt; never the hash).
 */
export type AuthUser = PublicUser;

/** Claims inside the access token: only the user id; role and existence are read per request. */
export interface AccessTokenClaims {
  sub: string;
}

export const ACCESS_TOKEN_COOKIE = 'access_token';
export const ACCESS_TOKEN_TTL_SECONDS = 12 * 60 * 60;
