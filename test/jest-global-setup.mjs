// Jest globalSetup: migrates ONE template database for the run; spec files copy it through
// test/support/db (createTestDatabase). Prints the backend once. Jest loads this file with Node's
// own loader (no ts-jest, no `.js`->`.ts` mapping), so the TypeScript helpers come in through a
// scoped tsx loader that does not change how anything else is resolved.
import { register } from 'tsx/esm/api';

export default async function globalSetup() {
  const tsx = register({ namespace: 'pyquiz-test-db' });
  try {
    const { prepareTemplate, publishTemplate } = await tsx.import('./support/db/test-template.ts', import.meta.url);
    const template = await prepareTemplate();
    publishTemplate(template);
    const where =
      template.backend === 'postgres'
        ? `PostgreSQL, template database ${template.location}`
        : `PGlite (no PostgreSQL reachable), template folder ${template.location}`;
    console.log(`\n[test db] ${where}, migrated in ${template.migrateMs} ms`);
  } finally {
    await tsx.unregister();
  }
}
