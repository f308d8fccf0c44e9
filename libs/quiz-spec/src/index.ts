/** @app/quiz-spec: the exercise format (YAML -> typed models), its checks, grading of non-code
 * answers, learner-safe views and conversion of code questions to grading jobs. No Nest inside. */
export type * from './model.types.js';
export { formatPath, formatSpecError, type DataPath, type Problem, type SpecError } from './errors.js';
export { MAX_ALIASES, MAX_DEPTH, MAX_FILE_BYTES } from './yaml-source.js';
export { DEFAULT_MODULE, isRef, type FileItem, type QuizEntry, type QuizFile } from './build-model.js';
export { isModuleTest } from './semantic-checks.js';
export { MAX_EXAMPLES, MAX_HIDDEN_TESTS } from './schema/code.schema.js';
export { TEXT_CAP } from './schema/common.schema.js';
export {
  contentHash,
  loadFile,
  parseFileText,
  type FailedFile,
  type FileLoadResult,
  type LoadedFile,
} from './load-file.js';
export {
  asQuiz,
  loadCourse,
  loadExercises,
  loadFiles,
  type CourseLoadResult,
  type LoadedItem,
  refQuestion,
} from './load-course.js';
export { toGradingJob, type GradingJobOptions } from './grading-job.js';
export { parseCourseManifest, type CourseOutline, type CourseSection, type Placement } from './course-manifest.js';
export { COURSE_FILE } from './schema/course.schema.js';
export { loadExercise, loadExerciseJob, resolveExercisePath, SpecLoadError } from './exercise-job.js';
export {
  gradeAnswer,
  normaliseOutput,
  normaliseShortAnswer,
  type AnswerGrade,
} from './answer-grading.js';
export { shuffleAwayFromOrder, toLearnerView } from './learner-view.js';
export { orderCredit } from './order-credit.js';
export { MAX_PARSONS_INDENT, readParsonsAnswer } from './parsons.js';
export { assembleProgram, isRunGraded, parsonsAsCode, parsonsProgram, parsonsReference, runnableCode } from './parsons-program.js';
export type * from './learner-view.js';
export { checkSolutions, type CodeQuestionRef, type JobGrader, type Violation } from './solution-check.js';
export { cpythonDifferences, type ReferenceRunner } from './cpython-check.js';
export { codeQuestionsOf, runValidation, type ValidateOptions, type ValidateSummary } from './validate-command.js';
export { discoverModuleTests, discoveryJob, DISCOVERY_TEST } from './test-discovery.js';
export { applyValues, chooseValues, fillQuestion, hasVariants, questionForSeed, variantCount, variantsToCheck, withVariant, type Values } from './variants.js';
