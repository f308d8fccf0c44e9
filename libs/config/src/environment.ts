import { plainToInstance } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf, validateSync } from 'class-validator';
import { IsTrustProxy } from './trust-proxy.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Every environment variable the API reads. Validated once at boot; nothing else reads process.env. */
export class Environment {
  @IsInt({ message: 'must be an integer port number' })
  @Min(0)
  @Max(65535)
  PORT: number = 3000;

  @IsString()
  HOST: string = '0.0.0.0';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsString()
  DATA_DIR: string = './.data';

  @IsIn(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'info';

  @IsString()
  EXERCISES_DIR: string = './exercises';

  /** Grader worker count; 0 means one per core. */
  @IsInt({ message: 'must be an integer (0 = one worker per core)' })
  @Min(0)
  @Max(64)
  GRADER_WORKERS: number = 0;

  /**
   * Refuse to start when the OS cannot wall the grading sandbox in (no network, an unprivileged
   * user, a read-only file view, no new privileges: bubblewrap). Off: start anyway, with a warning.
   */
  @IsBoolean({ message: 'must be true or false' })
  GRADER_REQUIRE_WALLS: boolean = false;

  /** redis:// URL of the grading queue: set, the API enqueues and `npm run grader` processes grade (docs/grading-queue.md). */
  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'must be a redis:// or rediss:// URL' })
  QUEUE_URL?: string;

  /** BullMQ queue name shared by the API and its graders. */
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'must be 1-64 letters, digits, - or _' })
  QUEUE_NAME: string = 'grading';

  /** Signs session tokens; when unset a secret is generated once into DATA_DIR/jwt-secret. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters long' })
  JWT_SECRET?: string;

  /** First admin account, created on start when missing (both or neither). */
  @ValidateIf((env: Environment) => env.ADMIN_EMAIL !== undefined || env.ADMIN_PASSWORD !== undefined)
  @IsEmail({}, { message: 'must be an email address (ADMIN_EMAIL and ADMIN_PASSWORD go together)' })
  ADMIN_EMAIL?: string;

  @ValidateIf((env: Environment) => env.ADMIN_EMAIL !== undefined || env.ADMIN_PASSWORD !== undefined)
  @IsString({ message: 'must be set together with ADMIN_EMAIL' })
  @MinLength(8, { message: 'must be at least 8 characters long' })
  @MaxLength(72, { message: 'must be at most 72 characters long (bcrypt limit)' })
  ADMIN_PASSWORD?: string;

  /**
   * The address learners and LMSs reach PyQuiz at (`https://quiz.example.edu`), used for the LTI
   * URLs an LMS admin enters and for the `aud` of deep-linking replies. Unset: the request's own
   * scheme and host (right unless a proxy rewrites them).
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^/?#\s]+$/, { message: 'must be an http:// or https:// origin without a path, like https://quiz.example.edu' })
  PUBLIC_URL?: string;

  /** Marks the session cookie Secure (set true behind HTTPS). */
  @IsBoolean({ message: 'must be true or false' })
  COOKIE_SECURE: boolean = false;

  /**
   * New attempts one user may start per hour (resuming one in progress does not count); beyond it
   * 429 with Retry-After. Each finished attempt keeps its drafts (up to 64 KiB per code question).
   */
  @IsInt({ message: 'must be an integer number of new attempts per hour per user' })
  @Min(1)
  @Max(100000)
  ATTEMPT_STARTS_PER_HOUR: number = 120;

  /** Code runs plus submissions one user may send per minute; beyond it 429 with Retry-After. */
  @IsInt({ message: 'must be an integer number of code runs and submissions per minute per user' })
  @Min(1)
  @Max(100000)
  CODE_RUNS_PER_MINUTE: number = 20;

  /**
   * Account registrations one client address may attempt per hour; beyond it 429 with
   * Retry-After. Per-account limits bound nothing if one person can make accounts at will.
   */
  @IsInt({ message: 'must be an integer number of registrations per hour per client address' })
  @Min(1)
  @Max(100000)
  REGISTRATIONS_PER_HOUR_PER_IP: number = 20;

  /**
   * Failed or still pending sign-ins one client address may make per minute, whatever the emails
   * (each one costs a password hash; a sign-in that succeeds gives its point back); beyond it 429
   * with Retry-After. Raise it when a large class signs in at once from one NAT address (up to
   * this many may be waiting for their hash at once).
   */
  @IsInt({ message: 'must be an integer number of sign-ins per minute per client address' })
  @Min(1)
  @Max(100000)
  LOGINS_PER_MINUTE_PER_IP: number = 120;

  /**
   * Proxies in front of the API whose X-Forwarded-For is believed (Express `trust proxy`): a hop
   * count (`1`) or addresses/subnets (`loopback`, `10.0.0.0/8, 192.168.1.7`). Unset: none, the
   * client address is the TCP peer. Behind a proxy without it, every client shares the proxy's
   * address and with it one registration and login budget.
   */
  @IsOptional()
  @IsTrustProxy()
  TRUST_PROXY?: string;

  /**
   * Password hashing cost: scrypt's N = 2^SCRYPT_COST (r = 8, p = 1; 128·N·8 bytes of memory per
   * hash, 32 MiB at 15). Tests lower it to keep suites fast. Hashes made at another cost still
   * verify, and are replaced at the next login (see PasswordHasher.needsRehash).
   */
  @IsInt({ message: 'must be an integer scrypt cost (log2 of N)' })
  @Min(10)
  @Max(20)
  SCRYPT_COST: number = 15;

  /**
   * Password hashes computed at once (sign-up, sign-in); 0 means all cores but one. Fewer keeps a
   * core for every other request while a class signs in; more signs a class in sooner on a
   * machine shared with other work, at the cost of the rest of the app (docs/performance.md).
   */
  @IsInt({ message: 'must be an integer (0 = all cores but one)' })
  @Min(0)
  @Max(64)
  PASSWORD_HASHES_AT_ONCE: number = 0;
}

/** Thrown for a bad environment; its message is the one line printed before exiting. */
export class ConfigError extends Error {}

const NUMERIC_KEYS: (keyof Environment)[] = ['PORT', 'GRADER_WORKERS', 'SCRYPT_COST', 'PASSWORD_HASHES_AT_ONCE', 'CODE_RUNS_PER_MINUTE', 'REGISTRATIONS_PER_HOUR_PER_IP', 'LOGINS_PER_MINUTE_PER_IP', 'ATTEMPT_STARTS_PER_HOUR'];
const BOOLEAN_KEYS: (keyof Environment)[] = ['COOKIE_SECURE', 'GRADER_REQUIRE_WALLS'];

function convert(key: string, value: unknown): unknown {
  if (NUMERIC_KEYS.includes(key as keyof Environment) && /^-?\d+$/.test(String(value))) return Number(value);
  if (BOOLEAN_KEYS.includes(key as keyof Environment) && /^(true|false)$/i.test(String(value))) {
    return String(value).toLowerCase() === 'true';
  }
  return value;
}

/** Validates raw env (strings) into a typed Environment, or throws one readable line naming the key. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined || value === '') continue;
    input[key] = convert(key, value);
  }
  const env = plainToInstance(Environment, input, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const first = errors[0];
    const reason = Object.values(first.constraints ?? {})[0] ?? 'is invalid';
    throw new ConfigError(`Invalid configuration: ${first.property}=${JSON.stringify(first.value)} ${reason}`);
  }
  return env;
}
