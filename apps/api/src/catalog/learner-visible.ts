/**
 * The one rule for what learners may see of the catalogue: a published quiz with a stored version.
 * Every learner-facing query filters with it, so "unpublished" means the same thing everywhere.
 */
export const LEARNER_VISIBLE_QUIZ = { published: true, currentVersionId: { not: null } } as const;
