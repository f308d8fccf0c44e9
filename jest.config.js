// Jest runs in ESM mode (NestJS 12 is ESM only): `node --experimental-vm-modules`.
// Learner code and Pyodide never load inside Jest: the grader runs in child processes.
const aliases = {
  '^@app/db$': '<rootDir>/libs/db/src/index.ts',
  '^@app/grader$': '<rootDir>/libs/grader/src/index.ts',
  '^@app/quiz-spec$': '<rootDir>/libs/quiz-spec/src/index.ts',
  '^@app/contracts$': '<rootDir>/libs/contracts/src/index.ts',
  '^@app/grading$': '<rootDir>/libs/grading/src/index.ts',
  '^@app/config$': '<rootDir>/libs/config/src/index.ts',
};

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  moduleNameMapper: { ...aliases, '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  // One migrated template database per run; each spec file copies it (test/support/db).
  globalSetup: '<rootDir>/test/jest-global-setup.mjs',
  globalTeardown: '<rootDir>/test/jest-global-teardown.mjs',
  testTimeout: 60000,
  testSequencer: '<rootDir>/test/jest-sequencer.mjs',
  // `it.concurrent` tests in one file (the fidelity corpus): enough to keep the grader pool's two
  // workers and the CPython reference busy, few enough that per-test time limits hold on 2 cores.
  maxConcurrency: 4,
};
