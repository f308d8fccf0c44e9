import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';

type SchemaEngineClass = typeof SchemaEngine;
type WasmExports = Record<string, unknown>;
interface WasmGlue {
  SchemaEngine: SchemaEngineClass;
  __wbg_set_wasm(exports: WasmExports): void;
}
/** The slice of the global WebAssembly API used here (the project's `lib` has no DOM types). */
interface WasmApi {
  instantiate(bytes: Uint8Array, imports: Record<string, unknown>): Promise<{ instance: { exports: WasmExports } }>;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let loading: Promise<SchemaEngineClass> | undefined;

/**
 * Loads Prisma's schema engine compiled to WebAssembly, once per process.
 * The package entry imports its `.wasm` as an ES module, which Node 20 refuses without
 * `--experimental-wasm-modules` and Jest's ESM mode cannot do at all, so the JS glue is
 * imported alone and the wasm instantiated here by hand.
 */
export function loadSchemaEngine(): Promise<SchemaEngineClass> {
  loading ??= instantiate();
  return loading;
}

async function instantiate(): Promise<SchemaEngineClass> {
  const require = createRequire(import.meta.url);
  const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const glue = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as unknown as WasmGlue;
  const bytes = await readFile(join(dirname(gluePath), 'schema_engine_bg.wasm'));
  const { instance } = await wasmApi.instantiate(bytes, { './schema_engine_bg.js': withUnrefTimers(glue) });
  glue.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return glue.SchemaEngine;
}

/**
 * The engine arms 10-second guard timers it never clears; left referenced, every CLI run and
 * test file would wait for them before exiting. Unref'd, they still fire while anything else runs.
 */
function withUnrefTimers(glue: WasmGlue): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...glue };
  for (const [name, value] of Object.entries(glue)) {
    if (name.startsWith('__wbg_setTimeout_') && typeof value === 'function') {
      imports[name] = (...args: unknown[]) => {
        const timer = (value as (...a: unknown[]) => unknown)(...args);
        (timer as { unref?: () => void }).unref?.();
        return timer;
      };
    }
  }
  return imports;
}
