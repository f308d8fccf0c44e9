// `npm install` runs this (postinstall) to write the Prisma Client into libs/db/src/generated/prisma.
// `prisma generate` needs no engine, but the CLI insists on finding a schema-engine binary and would
// download one from Prisma's servers. Pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file
// stops that (generate never runs it), so install works with only the npm registry reachable.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const schemaPath = fileURLToPath(new URL('./schema.prisma', import.meta.url));
const prismaCli = require.resolve('prisma/build/index.js');

const result = spawnSync(process.execPath, [prismaCli, 'generate', '--schema', schemaPath], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? schemaPath,
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  },
});
process.exit(result.status ?? 1);
