import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { PrismaService } from '../../../libs/db/src/index.js';
import { parseFileText, type CourseItem } from '../../../libs/quiz-spec/src/index.js';
import { CatalogRepository } from '../../../apps/api/src/catalog/catalog.repository.js';

const EXERCISE = fileURLToPath(new URL('../../../exercises/closures/accumulator.yaml', import.meta.url));

export const RIGHT = `def make_accumulator(initial=0):
    total = initial

    def add(value):
        nonlocal total
        total += value
        return total

    return add
`;
/** Forgets the running total: fails every test that adds twice. */
export const WRONG = `def make_accumulator(initial=0):
    def add(value):
        return initial + value

    return add
`;

export interface Seeded {
  userId: string;
  questionId: string;
}

/** The real accumulator exercise and one learner, stored as the app would store them. */
export async function seedExercise(prisma: PrismaService): Promise<Seeded> {
  const yaml = await readFile(EXERCISE, 'utf8');
  const parsed = parseFileText('closures/accumulator.yaml', yaml);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  await new CatalogRepository(prisma).saveVersion({ item: parsed.item as CourseItem, course: 'closures', hash: parsed.hash, sourceYaml: yaml });
  const question = await prisma.question.findFirstOrThrow({ where: { type: 'code', quizVersion: { quizId: 'closures/accumulator' } } });
  const user = await prisma.user.create({ data: { email: `queue-${Date.now()}@example.org`, passwordHash: 'x', displayName: 'Queue learner' } });
  return { userId: user.id, questionId: question.id };
}

/** `count` pending submissions, alternately right and wrong; returns their ids. */
export async function insertSubmissions(prisma: PrismaService, seeded: Seeded, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => crypto.randomUUID());
  await prisma.submission.createMany({
    data: ids.map((id, index) => ({ id, userId: seeded.userId, questionId: seeded.questionId, source: index % 2 === 0 ? RIGHT : WRONG, kind: 'submit' as const })),
  });
  return ids;
}
