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

/**
 * When an exam attempt started at `startedAt` must end: its minutes plus the learner's extra
 * minutes, and never after the quiz closes. null for a quiz that is not an exam.
 */
export function deadlineFor(settings: QuizSettings, startedAt: Date, extraMinutes = 0): Date | null {
  if (!settings.exam) return null;
  const end = new Date(startedAt.getTime() + (settings.exam.minutes + extraMinutes) * 60_000);
  if (settings.closes !== undefined && new Date(settings.closes) < end) return new Date(settings.closes);
  return end;
}

export function isPastDeadline(deadlineAt: Date | null, now: Date): boolean {
  return deadlineAt !== null && now >= deadlineAt;
}

/** 403 once the attempt's time is up: the clock is the server's, never the learner's. */
export function assertBeforeDeadline(deadlineAt: Date | null, now: Date): void {
  if (isPastDeadline(deadlineAt, now)) {
    throw new ForbiddenException(
      `Time is up: this exam attempt ended at ${deadlineAt!.toISOString()}; nothing sent after the end is accepted (your earlier answers and submissions count)`,
    );
  }
}

/** The attempt limit with an instructor's extra attempts (0 stays unlimited). */
export function attemptLimitWith(limit: number, extraAttempts = 0): number {
  return limit === 0 ? 0 : limit + extraAttempts;
}

/**
 * Exam scores and feedback stay hidden from learners until an instructor releases them, or
 * until the quiz closes. A quiz that is not an exam, or an exam with hide_scores: false, shows them.
 */
export function scoresHidden(settings: QuizSettings, releasedAt: Date | null, now: Date): boolean {
  if (!settings.exam?.hide_scores) return false;
  if (releasedAt !== null && releasedAt <= now) return false;
  return !(settings.closes !== undefined && now >= new Date(settings.closes));
}
