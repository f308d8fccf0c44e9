// The suite runs in one process (`--runInBand`), whose heap grows file after file. A spec that
// starts an embedded PostgreSQL (PGlite: WebAssembly, hundreds of MB) late in that run took 5-10x
// its time alone (embedded.spec 117 s against 12 s: each large allocation forces full garbage
// collections of the grown heap), so those run first; the rest in Jest's own order (failed
// first, then by recorded duration or file size).
import TestSequencer from '@jest/test-sequencer';

const BaseSequencer = TestSequencer.default ?? TestSequencer;
/** Specs that make PGlite databases in the Jest process itself. */
const EMBEDDED_DATABASE = /\/libs\/db\/|\/dashboard-queries\.spec\.ts$/;

export default class EmbeddedDatabaseFirst extends BaseSequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    return [...sorted.filter((t) => EMBEDDED_DATABASE.test(t.path)), ...sorted.filter((t) => !EMBEDDED_DATABASE.test(t.path))];
  }
}
