import { NotFoundException } from '@nestjs/common';
import { parseFileText, type CourseItem, type Exercise, type Quiz } from '@app/quiz-spec';
import { PaginationQueryDto } from '../common/pagination.dto.js';
import type { AuthoringRepository, QuizRow } from './authoring.repository.js';
import { AuthoringService, gradedVersionOf } from './authoring.service.js';
import { exerciseYaml, HIDDEN_MARKER, quizYaml, SOLUTION_MARKER } from './testing/authoring-fixtures.js';

const EXERCISE_ID = 'authoring-e2e/double-it';
const QUIZ_ID = 'authoring-e2e/ref-quiz';

function itemOf(file: string, text: string): CourseItem {
  const loaded = parseFileText(file, text);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return loaded.item as CourseItem;
}

/** The quiz of the fixtures with its ref resolved the way the validator does. */
function resolvedQuiz(): Quiz {
  const exercise = itemOf(`${EXERCISE_ID}.yaml`, exerciseYaml()) as Exercise;
  const quiz = itemOf(`${QUIZ_ID}.yaml`, quizYaml(QUIZ_ID, EXERCISE_ID)) as unknown as Quiz;
  const questions = quiz.questions.map((q) => ('ref' in q && !('type' in q) ? { ...exercise.question, id: exercise.id, ref: exercise.id } : q));
  return { ...quiz, questions } as Quiz;
}

function row(id: string, overrides: Partial<QuizRow> = {}): QuizRow {
  return { id, title: 'T', kind: 'quiz', course: 'authoring-e2e', published: false, updatedAt: new Date(0), currentVersionId: 'v2', versionsCount: 2, currentVersion: 2, ...overrides };
}

function service(quizzes: Map<string, QuizRow>) {
  const repository = {
    published: new Map<string, boolean>(),
    listQuizzes: async () => ({ rows: [...quizzes.values()], total: quizzes.size }),
    findQuiz: async (id: string) => quizzes.get(id) ?? null,
    countSubmissions: async (ids: string[]) => new Map(ids.filter((id) => id === QUIZ_ID).map((id) => [id, 5])),
    listVersions: async () => [
      { id: 'v2', version: 2, contentHash: 'h2', createdAt: new Date(1), questionCount: 2 },
      { id: 'v1', version: 1, contentHash: 'h1', createdAt: new Date(0), questionCount: 1 },
    ],
    currentVersion: async (id: string) => (quizzes.has(id) ? { id: 'v2', version: 2, contentHash: 'h2', content: resolvedQuiz(), sourceYaml: 'yaml' } : null),
    setPublished: async (id: string, published: boolean) => {
      const quiz = quizzes.get(id);
      if (quiz) quiz.published = published;
      return quiz !== undefined;
    },
  };
  return new AuthoringService(repository as unknown as AuthoringRepository);
}

describe(AuthoringService.name, () => {
  const page = Object.assign(new PaginationQueryDto(), { page: 1, pageSize: 20 });

  it('lists every quiz, published or not, with its submission count', async () => {
    const quizzes = new Map([[QUIZ_ID, row(QUIZ_ID)], ['authoring-e2e/hidden', row('authoring-e2e/hidden', { published: false })]]);
    const result = await service(quizzes).list(page);
    expect(result.total).toBe(2);
    expect(result.items.map((q) => [q.id, q.submissionsCount])).toEqual([[QUIZ_ID, 5], ['authoring-e2e/hidden', 0]]);
  });

  it('details the current source and marks the current version', async () => {
    const detail = await service(new Map([[QUIZ_ID, row(QUIZ_ID)]])).detail(QUIZ_ID);
    expect(detail).toMatchObject({ sourceYaml: 'yaml', currentVersion: 2 });
    expect(detail.versions.map((v) => [v.version, v.current])).toEqual([[2, true], [1, false]]);
  });

  it('previews the learner view: no correct flags, hidden tests, solutions or wrong solutions', async () => {
    const preview = await service(new Map([[QUIZ_ID, row(QUIZ_ID)]])).preview(QUIZ_ID);
    expect(preview.questions.map((q) => q.type)).toEqual(['single_choice', 'code']);
    const text = JSON.stringify(preview);
    for (const secret of ['correct', HIDDEN_MARKER, SOLUTION_MARKER, 'doubles_big', 'wrong_solutions', 'adds-two']) expect(text).not.toContain(secret);
    expect(text).toContain('doubles_two');
  });

  it('publishes and unpublishes; 404 for an unknown quiz', async () => {
    const quizzes = new Map([[QUIZ_ID, row(QUIZ_ID)]]);
    const authoring = service(quizzes);
    expect((await authoring.setPublished(QUIZ_ID, true)).published).toBe(true);
    expect((await authoring.setPublished(QUIZ_ID, false)).published).toBe(false);
    await expect(authoring.setPublished('authoring-e2e/none', true)).rejects.toBeInstanceOf(NotFoundException);
    await expect(authoring.preview('authoring-e2e/none')).rejects.toBeInstanceOf(NotFoundException);
    await expect(authoring.submissions('authoring-e2e/none', {}, page)).rejects.toBeInstanceOf(NotFoundException);
  });

  it('reports the version a regrade graded against, else the answered one', () => {
    expect(gradedVersionOf({ answeredVersion: 1, result: { score: 1 } })).toBe(1);
    expect(gradedVersionOf({ answeredVersion: 1, result: { regrade: { version: 3 } } })).toBe(3);
    expect(gradedVersionOf({ answeredVersion: 2, result: null })).toBe(2);
  });
});
