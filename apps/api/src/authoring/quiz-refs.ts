import { isRef, refQuestion, type CourseItem, type LoadedFile, type Question, type SpecError } from '@app/quiz-spec';

/** Finds the current content of a stored quiz or exercise (null when none has this id). */
export type ItemLookup = (id: string) => Promise<CourseItem | null>;

export type RefResolution = { ok: true; item: CourseItem } | { ok: false; errors: SpecError[] };

/**
 * Resolves the `ref:` entries of an uploaded quiz against exercises stored in the database, as the
 * CLI's course loader does against the files beside it (the same messages, the same merged question).
 */
export async function resolveRefs(loaded: LoadedFile, lookup: ItemLookup): Promise<RefResolution> {
  const item = loaded.item;
  if (item.kind === 'exercise') return { ok: true, item };
  const errors: SpecError[] = [];
  const questions: Question[] = [];
  for (const [i, entry] of item.questions.entries()) {
    if (!isRef(entry)) {
      questions.push(entry);
      continue;
    }
    const target = await lookup(entry.ref);
    if (target?.kind === 'exercise') {
      questions.push(refQuestion(target, entry.points));
      continue;
    }
    const message = target
      ? `expected the id of an exercise, "${entry.ref}" is a quiz`
      : `expected the id of an exercise, no exercise "${entry.ref}" exists`;
    errors.push(loaded.locate({ path: ['questions', i, 'ref'], message }));
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, item: { ...item, questions } };
}
