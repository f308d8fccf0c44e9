import { Prisma } from './generated/prisma/client.js';

/** A unique constraint was violated (Prisma P2002): the API maps it to 409. */
export function isUniqueViolation(error: unknown): error is Prisma.PrismaClientKnownRequestError {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/** A record needed by the operation was not found (Prisma P2025): the API maps it to 404. */
export function isNotFound(error: unknown): error is Prisma.PrismaClientKnownRequestError {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2025';
}
