/** The roles a user can hold; mirrors the `Role` enum of prisma/schema.prisma. */
export const ROLES = ['learner', 'instructor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A user row as the repository returns it. Only auth code ever reads `passwordHash`. */
export interface UserRecord {
  id: string;
  email: string;
  passwordHash: string;
  displayName: string;
  role: Role;
  createdAt: Date;
  updatedAt: Date;
}

/** What may leave the server about a user: everything but the hash. */
export type PublicUser = Omit<UserRecord, 'passwordHash'>;

export interface NewUser {
  email: string;
  passwordHash: string;
  displayName: string;
  role: Role;
}

/** Emails are compared case-insensitively: stored trimmed and lower-cased. */
/**
 * The form emails are stored and looked up in: trimmed, lower-cased and in Unicode NFC, so that an
 * address typed with a combining accent (e + U+0301) is the same account as with the composed
 * letter (é): two accounts whose emails print the same could not be told apart (red team redapi).
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase().normalize('NFC');
}

/** The form stored before NFC was applied: accounts made then are still found by it. */
export function legacyEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function toPublicUser(user: UserRecord): PublicUser {
  const { passwordHash: _hash, ...rest } = user;
  void _hash;
  return rest;
}
