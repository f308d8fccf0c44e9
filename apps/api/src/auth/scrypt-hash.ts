import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * scrypt parameters. `N` = 2^cost (CPU and memory), `r` block size, `p` parallelism. Memory per
 * hash is 128·N·r bytes: 32 MiB at the default N = 2^15, r = 8, p = 1, about as much CPU as
 * bcrypt at cost 11 (measured in docs/performance.md), spent in libuv's thread pool instead of
 * on the event loop. OWASP's minimum for p = 1 is N = 2^17; 2^15 is the default here because a
 * class signing in at once on two cores is this app's worst moment (SCRYPT_COST raises it).
 */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

export const SALT_BYTES = 16;
export const KEY_BYTES = 64;

export function scryptParams(cost: number): ScryptParams {
  return { N: 2 ** cost, r: 8, p: 1 };
}

/**
 * Bounds for a stored hash's own parameters: a row edited (or corrupted) to N = 2^40 would
 * otherwise ask for terabytes, or hang a thread-pool thread, on every login to that account.
 */
const LIMITS = { maxCost: 20, maxR: 32, maxP: 16, minKey: 16, maxKey: 128, minSalt: 8, maxSalt: 64 };

/** `scrypt$N$r$p$salt$key`, salt and key in base64: the parameters travel with the hash. */
export async function hashScrypt(password: string, params: ScryptParams): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await deriveKey(password, salt, KEY_BYTES, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** False for a wrong password and for anything that is not a well-formed scrypt hash. */
export async function verifyScrypt(password: string, stored: string): Promise<boolean> {
  const parsed = parseScrypt(stored);
  if (!parsed) return false;
  const key = await deriveKey(password, parsed.salt, parsed.key.length, parsed.params);
  return timingSafeEqual(key, parsed.key);
}

export function isScryptHash(stored: string): boolean {
  return stored.startsWith('scrypt$');
}

/** The parameters of a well-formed scrypt hash, else undefined. */
export function parseScrypt(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | undefined {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [N, r, p] = parts.slice(1, 4).map((part) => (/^\d{1,7}$/.test(part) ? Number(part) : NaN)) as [number, number, number];
  const salt = strictBase64(parts[4]!);
  const key = strictBase64(parts[5]!);
  if (!salt || !key) return undefined;
  const powerOfTwo = N > 1 && (N & (N - 1)) === 0 && N <= 2 ** LIMITS.maxCost;
  if (!powerOfTwo || !(r >= 1 && r <= LIMITS.maxR) || !(p >= 1 && p <= LIMITS.maxP)) return undefined;
  if (salt.length < LIMITS.minSalt || salt.length > LIMITS.maxSalt || key.length < LIMITS.minKey || key.length > LIMITS.maxKey) return undefined;
  return { params: { N, r, p }, salt, key };
}

/** Node's base64 decoder skips what it cannot read; a hash with such characters is refused instead. */
function strictBase64(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

function deriveKey(password: string, salt: Buffer, length: number, { N, r, p }: ScryptParams): Promise<Buffer> {
  // Node refuses by default above 32 MiB, which N = 2^15, r = 8 just exceeds with its overhead.
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r + 1024 * 1024 };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key))));
}
