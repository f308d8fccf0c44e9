import type {
  Choice,
  CodeQuestion,
  ParsonsLine,
  ParsonsQuestion,
  Exercise,
  Question,
  QuestionRef,
  Quiz,
  TestDef,
  OtherSolution,
  WrongSolution,
} from './model.types.js';

/** A quiz as written in its file: `ref:` entries are resolved once the whole course is loaded. */
export type QuizEntry = Question | QuestionRef;
export interface QuizFile extends Omit<Quiz, 'questions'> {
  questions: QuizEntry[];
}
export type FileItem = QuizFile | Exercise;

type Raw = Record<string, unknown>;

export const DEFAULT_MODULE = 'solution';

export function isRef(entry: QuizEntry): entry is QuestionRef {
  return 'ref' in entry && !('type' in entry);
}

/** Builds the typed model, with defaults, from content that passed the schema. */
export function buildModel(raw: Raw): FileItem {
  const header = {
    id: raw.id as string,
    title: raw.title as string,
    published: (raw.published as boolean | undefined) ?? true,
    attempts: (raw.attempts as number | undefined) ?? 0,
    concepts: (raw.concepts as string[] | undefined) ?? [],
  };
  if (raw.kind === 'exercise') {
    const question = buildCode({ ...raw, id: slugOf(header.id) }, []);
    return { kind: 'exercise', ...header, question };
  }
  const quiz: QuizFile = {
    kind: 'quiz',
    ...header,
    questions: (raw.questions as Raw[]).map((q) => buildEntry(q, header.concepts)),
  };
  if (raw.opens !== undefined) quiz.opens = raw.opens as string;
  if (raw.closes !== undefined) quiz.closes = raw.closes as string;
  if (raw.exam !== undefined) {
    const exam = raw.exam as Raw;
    quiz.exam = {
      minutes: exam.minutes as number,
      visible_tests: exam.visible_tests !== false,
      hide_scores: exam.hide_scores !== false,
      one_at_a_time: exam.one_at_a_time === true,
    };
  }
  return quiz;
}

export function slugOf(id: string): string {
  return id.slice(id.indexOf('/') + 1);
}

function buildEntry(raw: Raw, quizConcepts: string[]): QuizEntry {
  if ('ref' in raw) return { ...(raw as unknown as QuestionRef) };
  const base = {
    id: raw.id as string,
    prompt: raw.prompt as string,
    points: (raw.points as number | undefined) ?? 1,
    concepts: (raw.concepts as string[] | undefined) ?? quizConcepts,
    ...(raw.explanation === undefined ? {} : { explanation: raw.explanation as string }),
    ...variantFields(raw),
  };
  switch (raw.type as Question['type']) {
    case 'single_choice':
      return { ...base, type: 'single_choice', choices: buildChoices(raw), shuffle: raw.shuffle !== false };
    case 'multiple_choice':
      return { ...base, type: 'multiple_choice', choices: buildChoices(raw), partial: flag(raw.partial), shuffle: raw.shuffle !== false };
    case 'ordering':
      return { ...base, type: 'ordering', items: [...(raw.items as string[])], partial: flag(raw.partial) };
    case 'parsons':
      return buildParsons(raw, base);
    case 'predict_output':
      return { ...base, type: 'predict_output', code: raw.code as string, expected_output: raw.expected_output as string };
    case 'short_answer':
      return {
        ...base,
        type: 'short_answer',
        accept: [...(raw.accept as string[])],
        ...(raw.accept_patterns === undefined ? {} : { accept_patterns: [...(raw.accept_patterns as string[])] }),
        case_sensitive: flag(raw.case_sensitive),
      };
    case 'code':
      return buildCode(raw, quizConcepts);
  }
}

function buildParsons(raw: Raw, base: Omit<ParsonsQuestion, 'type' | 'lines' | 'distractors' | 'indent' | 'partial'>): ParsonsQuestion {
  const question: ParsonsQuestion = {
    ...base,
    type: 'parsons',
    lines: parsonsLines(raw.solution as string),
    distractors: ((raw.distractors as string[] | undefined) ?? []).map(parsonsLine),
    indent: flag(raw.indent),
    partial: raw.partial !== false,
    grading: raw.grading === 'run' ? 'run' : 'order',
  };
  // The run-grading fields are kept as written (the checks refuse them with `grading: order`).
  if (raw.tests !== undefined) question.tests = (raw.tests as Raw[]).map(buildTest);
  if (raw.test_module !== undefined) question.test_module = raw.test_module as string;
  if (raw.module !== undefined) question.module = raw.module as string;
  if (raw.limits !== undefined) question.limits = { ...(raw.limits as Raw) };
  if (raw.attempts !== undefined) question.attempts = raw.attempts as number;
  // Run-graded: worth its tests' points unless the author says otherwise (as a code question is).
  if (question.grading === 'run' && raw.points === undefined && question.tests) question.points = question.tests.reduce((sum, t) => sum + t.points, 0);
  return question;
}

/** params / variants as written, for any question type (deep copies: the model is never shared with the YAML). */
function variantFields(raw: Raw): Pick<CodeQuestion, 'params' | 'variants'> {
  const fields: Pick<CodeQuestion, 'params' | 'variants'> = {};
  if (raw.params !== undefined) fields.params = structuredClone(raw.params as CodeQuestion['params']);
  if (raw.variants !== undefined) fields.variants = structuredClone(raw.variants as CodeQuestion['variants']);
  return fields;
}

/** Blank lines of the solution are not blocks. */
export function parsonsLines(source: string): ParsonsLine[] {
  return source.split(/\r?\n/).filter((line) => line.trim() !== '').map(parsonsLine);
}

/** Indentation is 4 spaces a level; a count that is not a multiple of 4 is kept as a fraction for the checks to report. */
function parsonsLine(line: string): ParsonsLine {
  const trimmed = line.replace(/\s+$/, '');
  const text = trimmed.replace(/^ +/, '');
  return { text, indent: (trimmed.length - text.length) / PARSONS_INDENT };
}

export const PARSONS_INDENT = 4;

function flag(value: unknown): boolean {
  return value === true;
}

function buildChoices(raw: Raw): Choice[] {
  return (raw.choices as Raw[]).map((c) => ({
    id: c.id as string,
    text: c.text as string,
    correct: flag(c.correct),
    ...(c.feedback === undefined ? {} : { feedback: c.feedback as string }),
  }));
}

function buildCode(raw: Raw, defaultConcepts: string[]): CodeQuestion {
  const examples = ((raw.examples as Raw[] | undefined) ?? []).map(buildTest);
  const tests = (raw.tests as Raw[]).map(buildTest);
  const question: CodeQuestion = {
    type: 'code',
    id: raw.id as string,
    prompt: raw.prompt as string,
    points: [...examples, ...tests].reduce((sum, t) => sum + t.points, 0),
    concepts: (raw.concepts as string[] | undefined) ?? defaultConcepts,
    starter: (raw.starter as string | undefined) ?? '',
    module: (raw.module as string | undefined) ?? DEFAULT_MODULE,
    limits: { ...((raw.limits as Raw | undefined) ?? {}) },
    virtual_clock: (raw.virtual_clock as CodeQuestion['virtual_clock'] | undefined) ?? false,
    attempts: (raw.attempts as number | undefined) ?? 0,
    hints: [...((raw.hints as string[] | undefined) ?? [])],
    examples,
    tests,
    solution: raw.solution as string,
    wrong_solutions: (raw.wrong_solutions as WrongSolution[]).map((w) => ({ ...w, fails: [...w.fails] })),
  };
  for (const key of ['title', 'test_module', 'explanation'] as const) {
    if (raw[key] !== undefined) question[key] = raw[key] as string;
  }
  if (raw.other_solutions !== undefined) question.other_solutions = (raw.other_solutions as OtherSolution[]).map((o) => ({ ...o }));
  if (raw.support_modules !== undefined) question.support_modules = { ...(raw.support_modules as Record<string, string>) };
  Object.assign(question, variantFields(raw));
  return question;
}

function buildTest(raw: Raw): TestDef {
  // Only the keys the author wrote: `expected: null` (Python None) must stay distinct from absent.
  return { ...(raw as unknown as TestDef), points: (raw.points as number | undefined) ?? 1 };
}
