import { createHash } from 'node:crypto';

/**
 * A deterministic generator of numbers in [0, 1) from a string seed: mulberry32 seeded with the
 * first 32 bits of the seed's sha256. Small and good enough to shuffle a handful of items or
 * draw a variant; not for anything secret.
 */
export function seededRandom(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
