import type { Choice, CodeQuestion, ParamSpec, ParamValue, ParsonsLine, Question, TestDef } from './model.types.js';
import { seededRandom } from './seeded-random.js';

/**
 * Per-learner variants of a question of any type. The author declares `params` (each drawn on its own)
 * or `variants` (one set drawn), and writes `{{name}}` where a value goes. Where it goes decides
 * how it is written: in Python code (starter, solution, setup, expr, test_module ...) as a Python
 * literal (`'abc'`, `True`); in text (prompt, hints, feedback, output) as plain text; and an
 * expected value, argument or keyword argument that is exactly `"{{name}}"` becomes the value
 * itself (a number stays a number). The values are drawn from a seed stored with the attempt, so
 * an attempt always shows, and is always graded (regrades included) against, the same variant.
 */
export type Values = Record<string, ParamValue>;

export const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export function hasVariants(q: Question): boolean {
  return q.params !== undefined || q.variants !== undefined;
}

/** The values for one learner's attempt: deterministic in (seed, question id). */
export function chooseValues(q: Question, seed: number | string): Values | null {
  const random = seededRandom(`variant:${seed}:${q.id}`);
  if (q.variants) return { ...q.variants[Math.floor(random() * q.variants.length)]! };
  if (!q.params) return null;
  const values: Values = {};
  for (const name of Object.keys(q.params).sort()) values[name] = draw(q.params[name]!, random());
  return values;
}

function draw(spec: ParamSpec, r: number): ParamValue {
  if (Array.isArray(spec)) return spec[Math.floor(r * spec.length)]!;
  return spec.min + Math.floor(r * (spec.max - spec.min + 1));
}

/** The question as one learner sees it and is graded against; unchanged without variants. */
export function questionForSeed<Q extends Question>(q: Q, seed: number | string): Q {
  const values = chooseValues(q, seed);
  return values ? fillQuestion(q, values) : q;
}

/**
 * questionForSeed for a stored seed that may be missing: a submission outside an attempt is
 * graded against the variant of seed 0, the one shown before any attempt (cover, preview).
 */
export function withVariant<Q extends Question>(q: Q, seed: number | null | undefined): Q {
  return questionForSeed(q, seed ?? 0);
}

/** How many different variants there are (capped: a range can be large). */
export function variantCount(q: Question, cap = 1_000_000): number {
  if (q.variants) return q.variants.length;
  if (!q.params) return 1;
  let count = 1;
  for (const spec of Object.values(q.params)) count = Math.min(cap, count * (Array.isArray(spec) ? spec.length : spec.max - spec.min + 1));
  return count;
}

/**
 * The variants the validator grades: every one when there are at most `limit`, otherwise the
 * first and last value of every parameter plus draws from fixed seeds (reproducible).
 */
export function variantsToCheck(q: Question, limit = 12): Values[] {
  if (q.variants) return q.variants.map((v) => ({ ...v }));
  if (!q.params) return [];
  const names = Object.keys(q.params).sort();
  if (variantCount(q) <= limit) { // every combination (draws could miss one)
    let all: Values[] = [{}];
    for (const name of names) {
      const spec = q.params[name]!;
      const values = Array.isArray(spec) ? spec : Array.from({ length: spec.max - spec.min + 1 }, (_, i) => spec.min + i);
      all = all.flatMap((partial) => values.map((value) => ({ ...partial, [name]: value })));
    }
    return all;
  }
  const firstOf = (spec: ParamSpec) => (Array.isArray(spec) ? spec[0]! : spec.min);
  const lastOf = (spec: ParamSpec) => (Array.isArray(spec) ? spec.at(-1)! : spec.max);
  const picks: Values[] = [
    Object.fromEntries(names.map((n) => [n, firstOf(q.params![n]!)])),
    Object.fromEntries(names.map((n) => [n, lastOf(q.params![n]!)])),
  ];
  for (let seed = 0; picks.length < Math.min(limit, variantCount(q)) + 2 && seed < limit * 4; seed++) picks.push(chooseValues(q, `check-${seed}`)!);
  const unique = new Map(picks.map((v) => [JSON.stringify(v), v]));
  return [...unique.values()].slice(0, limit);
}

/** A Python literal for a value (strings through JSON, which Python reads the same way). */
export function pythonLiteral(value: ParamValue): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}

const asText = (value: ParamValue) => (typeof value === 'string' ? value : pythonLiteral(value));

function fill(text: string, values: Values, write: (v: ParamValue) => string): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => (name in values ? write(values[name]!) : whole));
}

/** An expected value or argument: exactly "{{name}}" becomes the value, other strings get text. */
function fillValue(value: unknown, values: Values): unknown {
  if (typeof value === 'string') {
    const only = /^\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}$/.exec(value);
    if (only && only[1]! in values) return values[only[1]!];
    return fill(value, values, asText);
  }
  if (Array.isArray(value)) return value.map((v) => fillValue(v, values));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillValue(v, values)]));
  return value;
}

function fillTest(test: TestDef, values: Values): TestDef {
  const out: TestDef = { ...test };
  const code = (t: string) => fill(t, values, pythonLiteral);
  const text = (t: string) => fill(t, values, asText);
  if (test.setup !== undefined) out.setup = code(test.setup);
  if (test.expr !== undefined) out.expr = code(test.expr);
  if (test.feedback !== undefined) out.feedback = text(test.feedback);
  if (test.output !== undefined) out.output = text(test.output);
  for (const key of ['expected', 'args', 'kwargs'] as const) {
    if (key in test) (out as unknown as Record<string, unknown>)[key] = fillValue(test[key], values);
  }
  return out;
}

/** The question with `values` filled in everywhere a learner or the grader reads it. */
export function applyValues(q: CodeQuestion, values: Values): CodeQuestion {
  const code = (t: string) => fill(t, values, pythonLiteral);
  const text = (t: string) => fill(t, values, asText);
  const out: CodeQuestion = {
    ...q,
    prompt: text(q.prompt),
    starter: code(q.starter),
    hints: q.hints.map(text),
    examples: q.examples.map((t) => fillTest(t, values)),
    tests: q.tests.map((t) => fillTest(t, values)),
    solution: code(q.solution),
    wrong_solutions: q.wrong_solutions.map((w) => ({ ...w, code: code(w.code), feedback: text(w.feedback) })),
  };
  if (q.title !== undefined) out.title = text(q.title);
  if (q.explanation !== undefined) out.explanation = text(q.explanation);
  if (q.test_module !== undefined) out.test_module = code(q.test_module);
  if (q.other_solutions !== undefined) out.other_solutions = q.other_solutions.map((o) => ({ ...o, code: code(o.code) }));
  if (q.support_modules !== undefined) out.support_modules = Object.fromEntries(Object.entries(q.support_modules).map(([k, v]) => [k, code(v)]));
  return out;
}

const UNFILLED = new Set(['id', 'type', 'params', 'variants', 'concepts', 'module', 'limits', 'ref']);

/** Every `{{name}}` of the question with where it was written (for the checks). */
export function placeholdersOf(q: Question): { field: (string | number)[]; name: string }[] {
  const found: { field: (string | number)[]; name: string }[] = [];
  const scan = (value: unknown, field: (string | number)[]) => {
    if (typeof value === 'string') for (const m of value.matchAll(PLACEHOLDER)) found.push({ field, name: m[1]! });
    else if (Array.isArray(value)) value.forEach((v, i) => scan(v, [...field, i]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) scan(v, [...field, k]);
  };
  // Every field a learner or the grader reads; the drawing itself (params, variants) and the id are not filled.
  for (const [key, value] of Object.entries(q)) {
    if (UNFILLED.has(key)) continue;
    // A Parsons problem's lines were written as one `solution` block, its distractors as strings.
    if (q.type === 'parsons' && key === 'lines') q.lines.forEach((line) => scan(line.text, ['solution']));
    else if (q.type === 'parsons' && key === 'distractors') q.distractors.forEach((line, i) => scan(line.text, ['distractors', i]));
    else scan(value, [key]);
  }
  return found;
}

/**
 * The question with `values` filled in, whatever its type. Text (prompts, choices, items, accepted
 * answers, expected output) gets plain text; code (a predict-output program, Parsons lines and
 * their tests) gets Python literals; an accepted pattern gets the value as a literal match.
 */
export function fillQuestion<Q extends Question>(q: Q, values: Values): Q {
  const code = (t: string) => fill(t, values, pythonLiteral);
  const text = (t: string) => fill(t, values, asText);
  const common = { prompt: text(q.prompt), ...(q.explanation === undefined ? {} : { explanation: text(q.explanation) }) };
  const question: Question = q;
  switch (question.type) {
    case 'code':
      return applyValues(question, values) as Q;
    case 'single_choice':
    case 'multiple_choice':
      return { ...question, ...common, choices: question.choices.map((c) => fillChoice(c, text)) } as Q;
    case 'ordering':
      return { ...question, ...common, items: question.items.map(text) } as Q;
    case 'predict_output':
      return { ...question, ...common, code: code(question.code), expected_output: text(question.expected_output) } as Q;
    case 'short_answer': {
      const out = { ...question, ...common, accept: question.accept.map(text) };
      if (question.accept_patterns) out.accept_patterns = question.accept_patterns.map((p) => fill(p, values, (v) => escapeRegExp(asText(v))));
      return out as Q;
    }
    case 'parsons': {
      const line = (l: ParsonsLine): ParsonsLine => ({ ...l, text: code(l.text) });
      const out = { ...question, ...common, lines: question.lines.map(line), distractors: question.distractors.map(line) };
      if (question.tests) out.tests = question.tests.map((t) => fillTest(t, values));
      if (question.test_module !== undefined) out.test_module = code(question.test_module);
      return out as Q;
    }
  }
}

function fillChoice(choice: Choice, text: (t: string) => string): Choice {
  return { ...choice, text: text(choice.text), ...(choice.feedback === undefined ? {} : { feedback: text(choice.feedback) }) };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
