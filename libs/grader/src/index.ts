export * from './types.js';
export { GraderPool, SandboxLostError, type GraderHealthFigures, type GraderPoolOptions, type GraderStats } from './grader-pool.js';
export type { Isolation } from './sandbox-process.js';
export { toTagged, pyEquals, pyRepr, canonical, sameTypes, expectedValueProblem, type PyTagged } from './python-value.js';
export { suiteHash } from './result-builder.js';
export type { SandboxWalls, WallTool } from './os-walls.js';
export { detectWalls, type OsWalls } from './walls-detect.js';
export { announceWalls, missingWalls, missingWallsLine, wallsSummary, WallsMissingError, type WallsLogger } from './walls-report.js';
export { CPythonReference, compareVerdicts, type ReferenceStatus, type ReferenceVerdict, type VerdictDifference } from './cpython-reference.js';
