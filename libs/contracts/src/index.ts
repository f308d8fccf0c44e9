/** @app/contracts: request/response shapes shared by the API and the web UI (types only). */
export type * from './learner.js';
export type * from './dashboard.js';
export type * from './authoring.js';
export type * from './code-work.js';
