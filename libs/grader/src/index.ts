export * from './types.js';
export { GraderPool, SandboxLostError, type GraderPoolOptions, type GraderStats } from './grader-pool.js';
export type { Isolation } from './sandbox-process.js';
export { toTagged, pyEquals, pyRepr, canonical, type PyTagged } from './python-value.js';
export { suiteHash } from './result-builder.js';
