// Jest globalTeardown: drops this run's template database (and those of crashed earlier runs).
import { register } from 'tsx/esm/api';

export default async function globalTeardown() {
  const tsx = register({ namespace: 'pyquiz-test-db-teardown' });
  try {
    const { removeTemplate } = await tsx.import('./support/db/test-template.ts', import.meta.url);
    await removeTemplate();
  } finally {
    await tsx.unregister();
  }
}
