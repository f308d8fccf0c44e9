import type { Role } from '../users/user.types.js';

export interface PlatformRecord {
  id: string;
  name: string;
  issuer: string;
  clientId: string;
  authLoginUrl: string;
  tokenUrl: string;
  jwksUrl: string;
  deploymentIds: string[];
  createdAt: Date;
  updatedAt: Date;
}

export type NewPlatform = Omit<PlatformRecord, 'id' | 'createdAt' | 'updatedAt'>;

export interface LoginStateRecord {
  state: string;
  nonce: string;
  platformId: string;
  targetLinkUri: string;
  loginHint: string;
  messageHint: string | null;
  deploymentId: string | null;
  expiresAt: Date;
}

/** What a deep-linking request asked for, carried (signed) to the page where quizzes are picked. */
export interface DeepLinkSettings {
  platformId: string;
  deploymentId: string;
  returnUrl: string;
  data?: string;
}

export interface LaunchCodeRecord {
  userId: string;
  target: string;
  deepLink: DeepLinkSettings | null;
  expiresAt: Date;
}

/** The LMS user as a launch describes them, after the token was verified. */
export interface LmsPerson {
  issuer: string;
  sub: string;
  email?: string;
  name?: string;
  role: Exclude<Role, 'admin'>;
}

export interface LmsContext {
  platformId: string;
  contextId: string;
  title: string;
}

export const SCORE_STATUSES = ['pending', 'sent', 'failed'] as const;
export type ScoreStatus = (typeof SCORE_STATUSES)[number];

export interface ScoreSendRecord {
  id: string;
  platformId: string;
  lineItemUrl: string;
  sub: string;
  userId: string;
  quizId: string;
  attemptId: string | null;
  scoreGiven: number;
  scoreMaximum: number;
  scoredAt: Date;
  status: ScoreStatus;
  tries: number;
  nextTryAt: Date;
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Date;
}
