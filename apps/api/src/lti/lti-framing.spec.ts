import express from 'express';
import request from 'supertest';
import { securityHeaders } from '../common/security-headers.js';
import { ltiFraming } from './lti-framing.js';

function app(origins: string[]) {
  const server = express();
  server.use(securityHeaders(false));
  server.use(ltiFraming(() => origins));
  server.get('/', (_req, res) => void res.send('page'));
  return request(server);
}

describe(ltiFraming.name, () => {
  it('changes nothing while no LMS is registered: no other site may frame the pages', async () => {
    const response = await app([]).get('/');
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'self';");
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('lets the registered LMS origins frame the pages and receive the deep-linking form', async () => {
    const response = await app(['https://moodle.example.edu', 'https://canvas.example.edu']).get('/');
    const csp = response.headers['content-security-policy'] as string;
    expect(csp).toContain("frame-ancestors 'self' https://moodle.example.edu https://canvas.example.edu;");
    expect(csp).toContain("form-action 'self' https://moodle.example.edu https://canvas.example.edu;");
    expect(response.headers['x-frame-options']).toBeUndefined();
  });
});
