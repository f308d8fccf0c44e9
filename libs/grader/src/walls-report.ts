import type { SandboxWalls } from './os-walls.js';

/**
 * The walls a production grader must have (GRADER_REQUIRE_WALLS=true), each named when missing.
 * Blocking nested user namespaces is not among them: Docker's read-only /proc/sys rules it out.
 */
export function missingWalls(walls: SandboxWalls): string[] {
  const missing: string[] = [];
  if (walls.network !== 'none') missing.push('network isolation');
  if (walls.uid === 0) missing.push('an unprivileged user');
  if (walls.filesystem !== 'read-only view') missing.push('a read-only file view');
  if (!walls.noNewPrivileges) missing.push('no-new-privileges');
  return missing;
}

/** One line naming the missing walls and why the stronger tools failed, or null when all are up. */
export function missingWallsLine(walls: SandboxWalls): string | null {
  const missing = missingWalls(walls);
  if (missing.length === 0) return null;
  const why = walls.fallbacks.length > 0 ? ` (${walls.fallbacks.join('; ')})` : '';
  return `the grading sandbox lacks ${missing.join(', ')}${why}`;
}

export function wallsSummary(walls: SandboxWalls): string {
  const view = walls.filesystem === 'read-only view' ? 'read-only view (its empty /tmp read-only too)'
    : walls.filesystem === 'host' ? "the host's files" : "the host's files with private /tmp, /run and /dev";
  const processes = walls.processes === 'hidden' ? "the host's processes hidden" : "the host's processes in view";
  return `${walls.tool}: network ${walls.network}, user ${walls.user} (uid ${walls.uid}), ${view}, ${processes}, ` +
    `no-new-privileges ${walls.noNewPrivileges ? 'on' : 'off'}, nested user namespaces ${walls.nestedUserNamespaces}`;
}

/** A production grader refused to start without its walls; the message is the one line to print. */
export class WallsMissingError extends Error {
  override readonly name = 'WallsMissingError';
}

export interface WallsLogger {
  log(message: string): void;
  warn(message: string): void;
}

/**
 * Says at start-up which walls are up, as a warning when some are missing; with `required`
 * (GRADER_REQUIRE_WALLS=true) missing walls throw instead, named in one line.
 */
export function announceWalls(walls: SandboxWalls, logger: WallsLogger, required: boolean): void {
  const missing = missingWallsLine(walls);
  if (!missing) {
    logger.log(`Sandbox outer walls up: ${wallsSummary(walls)}`);
    return;
  }
  if (required) throw new WallsMissingError(`GRADER_REQUIRE_WALLS=true but ${missing}`);
  logger.warn(`Sandbox outer walls MISSING: ${missing}. Now ${wallsSummary(walls)}. Learner code is held only by ` +
    'Node and the Python harness: install bubblewrap (apt-get install bubblewrap) and set GRADER_REQUIRE_WALLS=true in production');
}
