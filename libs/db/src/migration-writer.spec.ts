import { migrationFolderName } from './migration-writer.js';

describe(migrationFolderName.name, () => {
  const now = new Date('2026-11-24T07:05:09.123Z');

  it('prefixes a UTC timestamp and uses Prisma snake_case names', () => {
    expect(migrationFolderName('Add hints-to Questions', now)).toBe('20261124070509_add_hints_to_questions');
  });

  it('refuses an empty name', () => {
    expect(() => migrationFolderName(' -- ', now)).toThrow(/needs a name/);
  });
});
