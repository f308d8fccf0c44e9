import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { SignJWT } from 'jose';
import { claimUrlProblem } from './claim-urls.js';
import { AGS_SCORE_SCOPE, scoresUrl } from './lti-claims.js';
import { LtiPlatformsRepository } from './lti-platforms.repository.js';
import { LtiScoresRepository } from './lti-scores.repository.js';
import type { PlatformRecord, ScoreSendRecord } from './lti.types.js';
import { ScoreOutbox } from './score-outbox.js';
import { ToolKeys } from './tool-keys.js';

const SWEEP_EVERY_MS = 15_000;
const BATCH = 20;
const LEASE_MS = 60_000;
const HTTP_TIMEOUT_MS = 10_000;
/** 30 s, 1 min, 2 min... capped at 6 h: about four days of trying before a send is marked failed. */
const FIRST_RETRY_MS = 30_000;
const MAX_RETRY_MS = 6 * 3600_000;
export const MAX_TRIES = 25;

/** The LMS said no to this very request: sending it again cannot help. */
const REJECTED = new Set([400, 404, 409, 410, 422]);

class SendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

export function retryDelay(tries: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, tries - 1), MAX_RETRY_MS);
}

/**
 * Sends the score outbox to LMS gradebooks (AGS 2.0): an access token from the platform's token
 * endpoint by the client-credentials grant with a JWT client assertion signed by PyQuiz's key
 * (cached until it expires), then the score posted to `<lineitem>/scores`. Every failure is
 * written on the row with the next try time; the admin sees pending and failed rows.
 */
@Injectable()
export class ScoreSender implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ScoreSender.name);
  private readonly accessTokens = new Map<string, { token: string; until: number }>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;

  constructor(
    private readonly scores: LtiScoresRepository,
    private readonly platforms: LtiPlatformsRepository,
    private readonly keys: ToolKeys,
    outbox: ScoreOutbox,
  ) {
    outbox.onRecorded(() => this.kick());
  }

  onModuleInit(): void {
    this.timer = setInterval(() => this.kick(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Starts a round now, or one more after the current round (a row stored meanwhile is not missed). */
  kick(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.sendDue(new Date())
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error(`Score sending round failed: ${(error as Error).message}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Sends every send due at `now`; returns how many the LMSs accepted. */
  async sendDue(now: Date): Promise<number> {
    let accepted = 0;
    // A token endpoint that failed in this round is not asked again for each send of its LMS:
    // one request (one timeout, when it hangs) per LMS and round, not one per due send.
    const tokenFailures = new Map<string, Error>();
    for (;;) {
      const due = await this.scores.leaseDue(now, BATCH, LEASE_MS);
      for (const send of due) if (await this.sendOne(send, now, tokenFailures)) accepted++;
      if (due.length < BATCH) return accepted;
    }
  }

  private async sendOne(send: ScoreSendRecord, now: Date, tokenFailures: Map<string, Error>): Promise<boolean> {
    try {
      const platform = await this.platforms.findById(send.platformId);
      if (!platform) throw new SendError('the LMS registration was removed', true);
      await this.post(send, platform, tokenFailures);
      await this.scores.markSent(send.id, new Date());
      return true;
    } catch (error) {
      const message = (error as Error).message;
      const tries = send.tries + 1;
      const failed = (error instanceof SendError && error.permanent) || tries >= MAX_TRIES;
      await this.scores.markTried(send.id, failed ? 'failed' : 'pending', message, new Date(now.getTime() + retryDelay(tries)));
      this.logger.warn(`Score ${send.id} for ${send.lineItemUrl} not sent (try ${tries}${failed ? ', gave up' : ''}): ${message}`);
      return false;
    }
  }

  private async post(send: ScoreSendRecord, platform: PlatformRecord, tokenFailures: Map<string, Error>): Promise<void> {
    // The launch refuses such line items; this catches rows stored before it did.
    const problem = claimUrlProblem(send.lineItemUrl, platform);
    if (problem) throw new SendError(`the line item URL is ${problem}`, true);
    const failed = tokenFailures.get(platform.id);
    if (failed) throw failed;
    const token = await this.accessToken(platform).catch((error: unknown) => {
      tokenFailures.set(platform.id, error as Error);
      throw error;
    });
    const response = await httpCall(scoresUrl(send.lineItemUrl), {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/vnd.ims.lis.v1.score+json' },
      body: JSON.stringify({
        userId: send.sub,
        scoreGiven: send.scoreGiven,
        scoreMaximum: send.scoreMaximum,
        activityProgress: 'Completed',
        gradingProgress: 'FullyGraded',
        timestamp: send.scoredAt.toISOString(),
      }),
    });
    if (response.status === 401) this.accessTokens.delete(platform.id);
    if (!response.ok) throw new SendError(`the LMS answered ${response.status} to the score: ${await snippet(response)}`, REJECTED.has(response.status));
  }

  private async accessToken(platform: PlatformRecord): Promise<string> {
    const cached = this.accessTokens.get(platform.id);
    if (cached && cached.until > Date.now()) return cached.token;
    const { kid, key } = this.keys.current();
    // The real clock, not `now` (the round's "due at" time): the LMS checks iat against its own clock.
    const iat = Math.floor(Date.now() / 1000);
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .setIssuer(platform.clientId)
      .setSubject(platform.clientId)
      .setAudience(platform.tokenUrl)
      .setIssuedAt(iat)
      .setExpirationTime(iat + 300)
      .setJti(randomUUID())
      .sign(key);
    const response = await httpCall(platform.tokenUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: assertion,
        scope: AGS_SCORE_SCOPE,
      }).toString(),
    });
    if (!response.ok) throw new SendError(`the token endpoint ${platform.tokenUrl} answered ${response.status}: ${await snippet(response)}`, false);
    const body = (await response.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string') throw new SendError(`the token endpoint ${platform.tokenUrl} returned no access_token`, false);
    const lifetime = typeof body.expires_in === 'number' ? body.expires_in : 3600;
    // A minute early: a token that expires on the way is a wasted try.
    this.accessTokens.set(platform.id, { token: body.access_token, until: Date.now() + Math.max(0, lifetime - 60) * 1000 });
    return body.access_token;
  }
}

async function httpCall(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(HTTP_TIMEOUT_MS) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new SendError(`${new URL(url).host} unreachable (${cause ?? (error as Error).message})`, false);
  }
}

async function snippet(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  return text.slice(0, 300) || response.statusText;
}
