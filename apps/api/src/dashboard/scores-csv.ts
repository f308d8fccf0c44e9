import { stringify } from 'csv-stringify/sync';
import { round } from './dashboard-math.js';
import type { LearnerScoreRow } from './scores-export.repository.js';

export const SCORES_CSV_COLUMNS = ['email', 'name', 'attempts', 'best_score', 'max_score', 'last_submitted_at'] as const;

/**
 * A text cell starting with = + - @ (or a tab / carriage return) is run as a formula by
 * spreadsheets (CSV injection); a leading apostrophe makes them show it as text. The same after
 * each ';' and ',': spreadsheets whose list separator is ';' (most of Europe) split an unquoted
 * cell there, and "Ann;=cmd|..." gave them a cell starting with '=' (red team redapi).
 */
export function neutraliseFormula(text: string): string {
  return text.replace(/(^|[;,])([=+\-@\t\r])/g, "$1'$2");
}

function toRecord(row: LearnerScoreRow): string[] {
  return [
    neutraliseFormula(row.email),
    neutraliseFormula(row.displayName),
    String(row.attempts),
    // Two decimals, as the pages show points: the CSV and the learner's page agree.
    row.bestScore === null ? '' : String(round(row.bestScore, 2)),
    row.maxScore === null ? '' : String(round(row.maxScore, 2)),
    row.lastSubmittedAt ? new Date(row.lastSubmittedAt).toISOString() : '',
  ];
}

/** RFC 4180 CSV (CRLF, quotes doubled, fields quoted when needed), one row per learner. */
export function toScoresCsv(rows: readonly LearnerScoreRow[]): string {
  return stringify([[...SCORES_CSV_COLUMNS], ...rows.map(toRecord)], { record_delimiter: 'windows' });
}

/** `closures/make-counter` -> `closures-make-counter-scores.csv` (a safe header value). */
export function scoresFileName(quizId: string): string {
  return `${quizId.replace(/[^A-Za-z0-9._-]+/g, '-')}-scores.csv`;
}
