import { claimUrlProblem } from './claim-urls.js';
import type { PlatformRecord } from './lti.types.js';

const platform = (origin: string, issuer = origin): PlatformRecord =>
  ({ issuer, authLoginUrl: `${origin}/auth`, tokenUrl: `${origin}/token`, jwksUrl: `${origin}/jwks` }) as PlatformRecord;

describe(claimUrlProblem.name, () => {
  const canvas = platform('https://sso.canvaslms.com', 'https://canvas.instructure.com');

  it("takes public http(s) line items, on the LMS's hosts or not (Canvas: the school's host)", () => {
    expect(claimUrlProblem('https://school.instructure.com/api/lti/courses/1/line_items/2', canvas)).toBeNull();
    expect(claimUrlProblem('https://moodle.example.edu/mod/lti/services.php/2/lineitems/5/lineitem?type_id=1', platform('https://moodle.example.edu'))).toBeNull();
  });

  it("takes an internal address only when it is the registered LMS's own host and port", () => {
    expect(claimUrlProblem('https://moodle/mod/lti/services.php/2/lineitems/5/lineitem', platform('https://moodle'))).toBeNull();
    expect(claimUrlProblem('http://127.0.0.1:8080/lineitems/1/lineitem', platform('http://127.0.0.1:8080'))).toBeNull();
    expect(claimUrlProblem('http://127.0.0.1:5432/lineitems/1/lineitem', platform('http://127.0.0.1:8080'))).toContain('internal address (127.0.0.1:5432)');
  });

  it.each([
    'https://127.1/x', 'https://0x7f000001/x', 'https://0.0.0.0:5432/x', 'https://localhost./x', 'https://app.localhost/x', 'https://metadata.google.internal/x',
    'https://[::ffff:127.0.0.1]/x', 'https://[fe80::1]/x', 'https://[fd00::1]/x', 'https://[::]/x', 'https://172.20.0.3/x', 'https://192.168.1.1/x', 'https://100.100.100.200/x',
  ])('refuses %s as internal', (url) => {
    expect(claimUrlProblem(url, canvas)).toContain('internal address');
  });

  it('refuses other schemes, http for an https LMS, credentials, non-URLs, control characters and URLs over 2048 characters', () => {
    expect(claimUrlProblem('javascript:alert(1)', canvas)).toBe('not an http(s) URL');
    expect(claimUrlProblem('https://u:p@school.instructure.com/x', canvas)).toBe('a URL with credentials in it');
    expect(claimUrlProblem('/relative/lineitem', canvas)).toBe('not a URL');
    expect(claimUrlProblem('http://school.instructure.com/api/lti/courses/1/line_items/2', canvas)).toContain('plain http URL while the LMS is on https');
    expect(claimUrlProblem('https://school.instructure.com/x\u0000', canvas)).toBe('a URL with control characters in it');
    expect(claimUrlProblem(`https://school.instructure.com/${'a'.repeat(2048)}`, canvas)).toBe('longer than 2048 characters');
  });
});
