import { Injectable } from '@nestjs/common';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { LtiLaunchError } from './lti-launch.error.js';
import type { PlatformRecord } from './lti.types.js';

/** An id_token older than this is refused even if its exp is later (a token is for one launch). */
const MAX_TOKEN_AGE = '10m';
/** Clocks of the LMS and of PyQuiz may differ a little. */
const CLOCK_TOLERANCE_S = 60;

/**
 * Verifies a platform's id_token with jose: RS256 signature against the platform's JWKS
 * (fetched, cached, refetched when an unknown kid appears: LMS key rotation), then iss, aud,
 * azp, exp, iat. Each failure becomes an LtiLaunchError saying what to check.
 */
@Injectable()
export class PlatformTokens {
  private readonly keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

  async verify(token: string, platform: PlatformRecord, now = new Date()): Promise<JWTPayload> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keySet(platform.jwksUrl), {
        algorithms: ['RS256'],
        issuer: platform.issuer,
        audience: platform.clientId,
        maxTokenAge: MAX_TOKEN_AGE,
        clockTolerance: CLOCK_TOLERANCE_S,
        currentDate: now,
        requiredClaims: ['sub', 'nonce', 'iat', 'exp'],
      }));
    } catch (error) {
      throw explain(error, platform);
    }
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    // OIDC Core 3.1.3.7: with several audiences azp is required, and must be us whenever present.
    if ((audiences.length > 1 || payload.azp !== undefined) && payload.azp !== platform.clientId) {
      throw new LtiLaunchError(401, 'bad_azp', `The id_token's azp (${String(payload.azp)}) is not PyQuiz's client id ${platform.clientId}`, 'Check the client id registered in PyQuiz against the one the LMS issued.');
    }
    return payload;
  }

  private keySet(url: string): ReturnType<typeof createRemoteJWKSet> {
    let set = this.keySets.get(url);
    if (!set) {
      set = createRemoteJWKSet(new URL(url), { timeoutDuration: 5000, cooldownDuration: 30_000, cacheMaxAge: 600_000 });
      this.keySets.set(url, set);
    }
    return set;
  }
}

function explain(error: unknown, platform: PlatformRecord): LtiLaunchError {
  if (error instanceof errors.JWTExpired) {
    return new LtiLaunchError(401, 'expired', `The launch token has expired (${error.message})`, 'Launch again from the LMS; if this repeats, check the clocks of the LMS and PyQuiz servers.');
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    const which = error.claim;
    const advice =
      which === 'aud'
        ? `PyQuiz is registered with client id ${platform.clientId}: make it match the client id the LMS issued.`
        : which === 'iss'
          ? `PyQuiz expects issuer ${platform.issuer}: make it match the LMS's platform id.`
          : 'Launch again from the LMS; check the LMS and PyQuiz clocks.';
    return new LtiLaunchError(401, `bad_${which}`, `The launch token's ${which} claim is not valid: ${error.message}`, advice);
  }
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return new LtiLaunchError(401, 'bad_signature', 'The launch token is not signed by a key of the LMS', `PyQuiz fetches the LMS keys from ${platform.jwksUrl}: check this keyset URL in the platform registration.`);
  }
  // fetch's own TypeError (connection refused, DNS) or jose's non-200 / timeout / not-a-keyset.
  const unreachable = error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || /JSON Web Key Set|fetch failed/i.test((error as Error).message);
  if (unreachable) {
    return new LtiLaunchError(400, 'jwks_unreachable', `The LMS keys could not be fetched from ${platform.jwksUrl} (${(error as Error).message})`, 'Check the keyset URL of the platform registration and that PyQuiz can reach it.');
  }
  return new LtiLaunchError(401, 'bad_token', `The launch token is not valid: ${(error as Error).message}`, 'Launch again from the LMS; if this repeats, check the platform registration in PyQuiz.');
}
