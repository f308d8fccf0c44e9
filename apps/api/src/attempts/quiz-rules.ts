import { ConflictException, ForbiddenException } from '@nestjs/common';
import type { QuizAvailability } from '@app/contracts';
import type { QuizSettings } from './attempt.types.js';

/**
 * The rules of access to a quiz, as plain functions of its settings and the clock, so that they
 * are tested without a database. Dates are ISO strings from the YAML file.
 */
export function availability(settings: QuizSettings, now: Date): QuizAvailability {
  if (settings.opens !== undefined && now < new Date(settings.opens)) return 'not_open_yet';
  if (settings.closes !== undefined && now >= new Date(settings.closes)) return 'closed';
  return 'open';
}

/** 403 unless the quiz is open: starting, answering and submitting code all need it. */
export function assertOpen(settings: QuizSettings, now: Date): void {
  const state = availability(settings, now);
  if (state === 'not_open_yet') throw new ForbiddenException(`This quiz is not open yet: it opens at ${settings.opens}`);
  if (state === 'closed') throw new ForbiddenException(`This quiz is closed: it closed at ${settings.closes}`);
}

/** null = unlimited. */
export function attemptsLeft(limit: number, used: number): number | null {
  return limit === 0 ? null : Math.max(0, limit - used);
}

export function assertAttemptsLeft(limit: number, used: number): void {
  if (attemptsLeft(limit, used) === 0) {
    throw new ConflictException(`Attempt limit reached: you have used all ${limit} attempts of this quiz`);
  }
}
