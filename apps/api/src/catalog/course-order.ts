import type { Prisma } from '@app/db';

/** Courses by name; within one, the order of its course.yaml (unlisted items last, by id). */
export const COURSE_ORDER: Prisma.QuizOrderByWithRelationInput[] = [
  { course: 'asc' },
  { position: { sort: 'asc', nulls: 'last' } },
  { id: 'asc' },
];
