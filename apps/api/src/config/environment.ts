import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

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
}

/** Thrown for a bad environment; its message is the one line printed before exiting. */
export class ConfigError extends Error {}

const NUMERIC_KEYS: (keyof Environment)[] = ['PORT', 'GRADER_WORKERS'];

/** Validates raw env (strings) into a typed Environment, or throws one readable line naming the key. */
export function validateEnvironment(raw: Record<string, unknown>): Environment {
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined || value === '') continue;
    const numeric = NUMERIC_KEYS.includes(key as keyof Environment);
    input[key] = numeric && /^-?\d+$/.test(String(value)) ? Number(value) : value;
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
