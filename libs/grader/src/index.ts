export * from './types.js';
export { GraderPool, type GraderPoolOptions } from './grader-pool.js';
export { toTagged, pyEquals, pyRepr, canonical, type PyTagged } from './python-value.js';
export { suiteHash } from './result-builder.js';
