import type { GradingJob } from '../../grader/src/types.js';
import { toGradingJob } from './grading-job.js';
import type { CodeQuestion } from './model.types.js';
import type { JobGrader } from './solution-check.js';

export const DISCOVERY_TEST = 'test__quiz_spec_discovery';
const MARKER = 'QUIZ_SPEC_TESTS=';

/**
 * Appended to test_module: lists the `test*` functions and unittest.TestCase test methods the
 * module defines (the way unittest finds them) and prints them (its output, not a failure
 * message: messages are cut at 500 characters, a long list of names is not). The engine runs
 * only listed tests, so a test an author forgot to list would otherwise never run.
 */
const DISCOVERY_SNIPPET = `

def ${DISCOVERY_TEST}():
    import json as _json, unittest as _unittest
    _found = []
    for _name, _value in list(globals().items()):
        if isinstance(_value, type) and issubclass(_value, _unittest.TestCase):
            _found += [_name + "." + _m for _m in _unittest.defaultTestLoader.getTestCaseNames(_value)]
        elif _name.startswith("test") and callable(_value) and _name != "${DISCOVERY_TEST}":
            _found.append(_name)
    print("${MARKER}" + _json.dumps(sorted(_found)))
`;

/** A job that runs only the discovery test, against the reference solution. */
export function discoveryJob(code: CodeQuestion): GradingJob {
  const job = toGradingJob(code, code.solution, { only: 'all', seed: 1 });
  const test = { kind: 'module' as const, name: DISCOVERY_TEST, points: 1, visibility: 'visible' as const, tags: [] };
  return { ...job, testModule: `${code.test_module ?? ''}${DISCOVERY_SNIPPET}`, tests: [test],
    limits: { ...job.limits, outputBytes: 1_000_000 } };
}

/** The test names test_module defines, or an explanation when the engine did not report them. */
export async function discoverModuleTests(code: CodeQuestion, grader: JobGrader): Promise<string[] | string> {
  const result = await grader.grade(discoveryJob(code));
  const test = result.tests.find((t) => t.name === DISCOVERY_TEST);
  const message = test ? `${test.output}\n${test.message}` : result.message;
  const line = message.split('\n').find((l) => l.includes(MARKER));
  if (!line) return `could not list the tests of test_module: ${message}`;
  try {
    const names: unknown = JSON.parse(line.slice(line.indexOf(MARKER) + MARKER.length).trim());
    if (Array.isArray(names) && names.every((n) => typeof n === 'string')) return names as string[];
  } catch {
    // fall through: reported below
  }
  return `could not read the list of test_module tests from: ${line}`;
}
