import type { CheckDef, CodeQuestion, TestDef } from '../model.types.js';
import { CHECKS_MODULE, CHECKS_SOURCE } from './checks-source.js';

/** What a check's failure tells the learner when the author wrote no feedback: the mistake, in the course's words. */
export const CHECK_DEFAULTS: Record<CheckKind, { misconception: string; feedback: string }> = {
  closure: {
    misconception: 'state-outside-closure',
    feedback: 'This is not a closure: the function returned does not keep its state in variables of the call that made it (it uses a global, a class, an object or an attribute of the function instead).',
  },
  no_module_state: {
    misconception: 'module-level-state',
    feedback: 'Your code changed module-level (global) state: every instance shares it. Keep the state in the closure.',
  },
  independent: {
    misconception: 'shared-state',
    feedback: 'Your instances share state: making or using a second one changed the first. Each call of the factory must create state of its own.',
  },
  distinct: {
    misconception: 'late-binding',
    feedback: 'These functions all see the same value: they look the variable up when they are called (late binding), not when they are made.',
  },
};

export type CheckKind = 'closure' | 'no_module_state' | 'independent' | 'distinct';

export function checkKind(check: CheckDef): CheckKind {
  return Object.keys(check)[0] as CheckKind;
}

/** A Python string or list literal (JSON's escapes are Python's too). */
function py(value: string | string[] | undefined): string {
  return value === undefined ? 'None' : JSON.stringify(value);
}

function callOf(check: CheckDef): string {
  if ('closure' in check) {
    const { make, use, free_vars } = check.closure;
    return `closure(_pyquiz_learner, ${py(make)}, use=${py(use)}, free_vars=${py(free_vars)})`;
  }
  if ('no_module_state' in check) return `no_module_state(_pyquiz_learner, ${py(check.no_module_state)})`;
  if ('independent' in check) return `independent(_pyquiz_learner, ${py(check.independent.make)}, ${py(check.independent.step)})`;
  return `distinct(_pyquiz_learner, ${py(check.distinct.make)}, ${py(check.distinct.each)})`;
}

/**
 * The hidden code of a question's `check:` tests: one test function per check, appended to the
 * author's test_module, and the checks library as a support module. Nothing when it has none.
 */
export function checkCode(question: CodeQuestion): { testModule: string; supportModules: Record<string, string> } | undefined {
  const checks = question.tests.filter((t): t is TestDef & { check: CheckDef } => t.check !== undefined);
  if (checks.length === 0) return undefined;
  const functions = checks.map((t) => `def ${t.name}():\n    ${CHECKS_MODULE}.${callOf(t.check)}\n`);
  const generated = [
    '# --- generated from the exercise\'s check: tests (docs/authoring.md, "Closure-aware checks") ---',
    `import ${CHECKS_MODULE}`,
    `import ${question.module} as _pyquiz_learner`,
    '',
    ...functions,
  ].join('\n');
  const testModule = question.test_module === undefined ? generated : `${question.test_module.replace(/\n*$/, '\n')}\n\n${generated}`;
  return { testModule, supportModules: { ...(question.support_modules ?? {}), [CHECKS_MODULE]: CHECKS_SOURCE } };
}
