import express from 'express';
import request from 'supertest';
import { securityHeaders } from './security-headers.js';

async function policy(servedOverHttps: boolean): Promise<string> {
  const app = express().use(securityHeaders(servedOverHttps)).get('/', (_req, res) => void res.send('ok'));
  const response = await request(app).get('/');
  return String(response.headers['content-security-policy']);
}

describe(securityHeaders.name, () => {
  it('keeps scripts same-origin and allows the inline styles the code editor injects', async () => {
    const csp = await policy(false);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
  });

  it('asks browsers to upgrade to HTTPS only when the site is served over HTTPS', async () => {
    expect(await policy(false)).not.toContain('upgrade-insecure-requests');
    expect(await policy(true)).toContain('upgrade-insecure-requests');
  });
});
