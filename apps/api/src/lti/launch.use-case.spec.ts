import type { JWTPayload } from 'jose';
import { CLAIM } from './lti-claims.js';
import { LtiLaunchError } from './lti-launch.error.js';
import type { LtiLaunchRepository } from './lti-launch.repository.js';
import type { LtiPlatformsRepository } from './lti-platforms.repository.js';
import type { LaunchCodeRecord, LoginStateRecord, PlatformRecord } from './lti.types.js';
import { Launch } from './launch.use-case.js';
import type { PlatformTokens } from './platform-tokens.js';

const NOW = new Date('2026-03-01T10:00:00Z');
const PLATFORM: PlatformRecord = {
  id: 'p1', name: 'Moodle', issuer: 'https://moodle.example', clientId: 'c1', authLoginUrl: 'https://moodle.example/auth',
  tokenUrl: 'https://moodle.example/token', jwksUrl: 'https://moodle.example/jwks', deploymentIds: ['d1'], createdAt: NOW, updatedAt: NOW,
};
const LOGIN: LoginStateRecord = {
  state: 's1', nonce: 'n1', platformId: 'p1', targetLinkUri: 'https://quiz.example/api/lti/launch',
  loginHint: 'hint-7', messageHint: 'msg-3', deploymentId: null, expiresAt: new Date(NOW.getTime() + 60_000),
};
const LEARNER = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner';
const INSTRUCTOR = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor';

function claims(extra: Record<string, unknown> = {}): JWTPayload {
  return {
    sub: 'u-42', nonce: 'n1', name: 'Ada',
    [CLAIM.messageType]: 'LtiResourceLinkRequest', [CLAIM.version]: '1.3.0', [CLAIM.deploymentId]: 'd1',
    [CLAIM.roles]: [LEARNER], [CLAIM.custom]: { quiz: 'closures/q' }, [CLAIM.resourceLink]: { id: 'link-1' },
    [CLAIM.ags]: { lineitem: 'https://moodle.example/li/1', scope: ['https://purl.imsglobal.org/spec/lti-ags/scope/score'] },
    ...extra,
  };
}

function setup(payload: JWTPayload, login: LoginStateRecord | null = LOGIN) {
  const taken: string[] = [];
  const codes: LaunchCodeRecord[] = [];
  const gradeLinks: unknown[] = [];
  const launches = {
    takeLoginState: async (state: string) => (taken.push(state), login),
    linkAccount: async (person: { role: string }) => ({ id: 'user-1', role: person.role }),
    joinContext: async () => 'ctx',
    findQuizzes: async (ids: string[]) => ids.filter((id) => id === 'closures/q').map((id) => ({ id, title: 'Q', published: true, maxScore: 3 })),
    saveGradeLink: async (link: unknown) => void gradeLinks.push(link),
    saveLaunchCode: async (_code: string, record: LaunchCodeRecord) => void codes.push(record),
  } as unknown as LtiLaunchRepository;
  const platforms = { findById: async () => PLATFORM } as unknown as LtiPlatformsRepository;
  let verified = 0;
  const tokens = { verify: async () => (verified++, payload) } as unknown as PlatformTokens;
  return { launch: new Launch(platforms, launches, tokens), taken, codes, gradeLinks, verified: () => verified };
}

const LOGIN_URL = 'https://quiz.example/api/lti/login';
const run = (s: ReturnType<typeof setup>, cookie = 's1') => s.launch.execute({ idToken: 'jwt', state: 's1', stateCookie: cookie, loginUrl: LOGIN_URL }, NOW);
const reason = (promise: Promise<unknown>) => promise.then(() => 'accepted', (e: unknown) => (e instanceof LtiLaunchError ? e.reason : String(e)));

describe(Launch.name, () => {
  it('a learner launch: a code for the quiz page, and the line item kept for the score', async () => {
    const s = setup(claims());
    await expect(run(s)).resolves.toMatch(/^[\w-]{43}$/);
    expect(s.codes).toEqual([{ userId: 'user-1', target: '/quiz/closures/q', deepLink: null, expiresAt: new Date(NOW.getTime() + 120_000) }]);
    expect(s.gradeLinks).toEqual([{ platformId: 'p1', userId: 'user-1', quizId: 'closures/q', sub: 'u-42', lineItemUrl: 'https://moodle.example/li/1' }]);
  });

  it('takes the state before anything else, so a refused launch cannot be retried with it', async () => {
    const s = setup(claims({ nonce: 'other' }));
    expect(await reason(run(s))).toBe('bad_nonce');
    expect(s.taken).toEqual(['s1']);
  });

  it('refuses before verifying the token when the state is unknown, expired, or not from this browser', async () => {
    expect(await reason(run(setup(claims(), null)))).toBe('unknown_state');
    expect(await reason(run(setup(claims(), { ...LOGIN, expiresAt: new Date(NOW.getTime() - 1) })))).toBe('unknown_state');
    const s = setup(claims());
    expect(await reason(run(s, 'another-state'))).toBe('state_not_bound');
    expect(s.verified()).toBe(0);
  });

  it('offers to start the same login again in a new window when the iframe lost the state cookie', async () => {
    const error = (await run(setup(claims()), 'another-state').then(() => undefined, (e: unknown) => e)) as LtiLaunchError;
    const url = new URL(error.newWindowUrl!);
    expect(url.origin + url.pathname).toBe(LOGIN_URL);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      iss: 'https://moodle.example', client_id: 'c1', login_hint: 'hint-7', target_link_uri: 'https://quiz.example/api/lti/launch', lti_message_hint: 'msg-3',
    });
  });

  it.each([
    [{ [CLAIM.deploymentId]: 'd9' }, 'unknown_deployment'],
    [{ [CLAIM.version]: '1.1' }, 'unsupported_version'],
    [{ [CLAIM.messageType]: 'LtiSubmissionReviewRequest' }, 'unsupported_message'],
    [{ sub: '' }, 'anonymous_launch'],
    [{ [CLAIM.custom]: {} }, 'no_quiz'],
    [{ [CLAIM.custom]: { quiz: 'closures/none' } }, 'unknown_quiz'],
    [{ [CLAIM.messageType]: 'LtiDeepLinkingRequest' }, 'not_instructor'],
  ])('refuses %j (%s)', async (extra, expected) => {
    expect(await reason(run(setup(claims(extra))))).toBe(expected);
  });

  it('keeps no line item for an instructor (their scores are not grades)', async () => {
    const s = setup(claims({ [CLAIM.roles]: [INSTRUCTOR] }));
    await run(s);
    expect(s.gradeLinks).toEqual([]);
  });

  it("a deep-linking request from an instructor: the code leads to the picker with the LMS's return URL and data", async () => {
    const s = setup(claims({
      [CLAIM.messageType]: 'LtiDeepLinkingRequest', [CLAIM.roles]: [INSTRUCTOR],
      [CLAIM.deepLinkingSettings]: { deep_link_return_url: 'https://moodle.example/dl', data: 'opaque' },
    }));
    await run(s);
    expect(s.codes[0]).toMatchObject({ target: '/lti/deep-link', deepLink: { platformId: 'p1', deploymentId: 'd1', returnUrl: 'https://moodle.example/dl', data: 'opaque' } });
  });

  it('refuses a link launch without a resource_link id (LTI 1.3 Core 5.3.5)', async () => {
    expect(await reason(run(setup(claims({ [CLAIM.resourceLink]: undefined }))))).toBe('no_resource_link');
    expect(await reason(run(setup(claims({ [CLAIM.resourceLink]: { id: '' } }))))).toBe('no_resource_link');
  });

  it("refuses a token whose target_link_uri is not the one its login named", async () => {
    expect(await reason(run(setup(claims({ [CLAIM.targetLinkUri]: 'https://elsewhere.example/api/lti/launch' }))))).toBe('target_mismatch');
    expect(await reason(run(setup(claims({ [CLAIM.targetLinkUri]: LOGIN.targetLinkUri }))))).toBe('accepted');
  });
});
