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
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function toPublicUser(user: UserRecord): PublicUser {
  const { passwordHash: _hash, ...rest } = user;
  void _hash;
  return rest;
}
