import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JSONWebKeySet, type JWTPayload } from 'jose';

export interface ReceivedScore {
  path: string;
  contentType: string | undefined;
  body: Record<string, unknown>;
}

export interface TokenOptions {
  /** Sign with this key instead of the platform's (a forged token); the platform's kid is kept. */
  key?: CryptoKey;
  aud?: string | string[];
  iat?: number;
  exp?: number;
}

/**
 * A simulated LTI 1.3 platform (LMS) on 127.0.0.1, built to the IMS specs: its own RS256 key
 * and JWKS, id_tokens for the OIDC authorization step, a token endpoint that verifies the tool's
 * JWT client assertion against the tool's JWKS, and a line item whose scores endpoint records
 * what it receives (or answers 503 while `down`).
 */
export class FakeLms {
  readonly clientId = 'pyquiz-client-id';
  readonly deploymentId = 'deployment-1';
  readonly kid = 'lms-key-1';
  readonly scores: ReceivedScore[] = [];
  readonly assertions: JWTPayload[] = [];
  down = false;
  /** Only the token endpoint answers 503 (the scores endpoint still checks tokens), and how often it was asked. */
  tokenDown = false;
  tokenRequests = 0;
  /** Line item ids that answer 404 (deleted in the LMS). */
  readonly missingLineItems = new Set<string>();
  /** Line item ids whose scores endpoint gives this answer instead (a misbehaving LMS or proxy). */
  readonly lineItemAnswers = new Map<string, { status: number; body: string }>();
  /** What the LMS's OIDC authorization endpoint received, and the deep-linking replies posted back. */
  readonly authRequests: URLSearchParams[] = [];
  readonly deepLinkReplies: string[] = [];
  /** Where the course page's iframe points: PyQuiz's login initiation URL. */
  toolLoginUrl = '';
  private readonly prepared = new Map<string, (nonce: string) => Record<string, unknown>>();
  private server?: Server;
  private privateKey!: CryptoKey;
  private jwks!: JSONWebKeySet;
  private readonly issuedTokens = new Set<string>();

  /** `toolJwks` fetches PyQuiz's published keys (the URL an LMS admin pastes). */
  constructor(private readonly toolJwks: () => Promise<JSONWebKeySet>) {}

  get issuer(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }
  get authLoginUrl(): string {
    return `${this.issuer}/auth`;
  }
  get tokenUrl(): string {
    return `${this.issuer}/token`;
  }
  get jwksUrl(): string {
    return `${this.issuer}/jwks`;
  }
  lineItemUrl(id: string): string {
    return `${this.issuer}/lineitems/${id}/lineitem?type=quiz`;
  }

  async start(): Promise<void> {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    this.privateKey = privateKey;
    this.jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: this.kid, alg: 'RS256', use: 'sig' }] };
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** An id_token as the platform's authorization endpoint would post it. */
  async idToken(claims: Record<string, unknown>, options: TokenOptions = {}): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: this.kid, typ: 'JWT' })
      .setIssuer(this.issuer)
      .setAudience(options.aud ?? this.clientId)
      .setIssuedAt(options.iat ?? now)
      .setExpirationTime(options.exp ?? now + 300)
      .sign(options.key ?? this.privateKey);
  }

  /** The claims the authorization endpoint signs for the user with this login_hint. */
  prepare(loginHint: string, claimsFor: (nonce: string) => Record<string, unknown>): void {
    this.prepared.set(loginHint, claimsFor);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.issuer);
    const body = await readBody(req);
    if (req.method === 'GET' && url.pathname === '/jwks') return json(res, 200, this.jwks);
    if (req.method === 'GET' && url.pathname === '/course') return this.coursePage(res, url.searchParams.get('hint') ?? '', url.searchParams.get('message') ?? 'LtiResourceLinkRequest');
    if (req.method === 'GET' && url.pathname === '/auth') return this.authorize(res, url.searchParams);
    if (req.method === 'POST' && url.pathname === '/deep-link-return') {
      this.deepLinkReplies.push(new URLSearchParams(body).get('JWT') ?? '');
      return html(res, 200, '<h1>Content added to the course</h1>');
    }
    if (req.method === 'POST' && url.pathname === '/token') return this.token(res, new URLSearchParams(body));
    if (req.method === 'POST' && /^\/lineitems\/[^/]+\/lineitem\/scores$/.test(url.pathname)) return this.score(req, res, url, body);
    json(res, 404, { error: 'not found' });
  }

  /** A course page of the LMS: the tool in an iframe, started by third-party initiated login. */
  private coursePage(res: ServerResponse, hint: string, message: string): void {
    const login = new URL(this.toolLoginUrl);
    const params = { iss: this.issuer, login_hint: hint, target_link_uri: `${login.origin}/api/lti/launch`, client_id: this.clientId, lti_deployment_id: this.deploymentId, lti_message_hint: message };
    for (const [key, value] of Object.entries(params)) login.searchParams.set(key, value);
    html(res, 200, `<h1>Python 101 (LMS)</h1><iframe title="PyQuiz" src="${escapeAttr(login.toString())}" width="1100" height="800" allow="clipboard-write"></iframe>`);
  }

  /** The OIDC authorization endpoint: checks the request, then form-posts the id_token back (response_mode=form_post). */
  private authorize(res: ServerResponse, query: URLSearchParams): void {
    this.authRequests.push(query);
    const expected = { scope: 'openid', response_type: 'id_token', response_mode: 'form_post', prompt: 'none', client_id: this.clientId };
    for (const [key, value] of Object.entries(expected)) if (query.get(key) !== value) return html(res, 400, `bad ${key}`);
    const claimsFor = this.prepared.get(query.get('login_hint') ?? '');
    if (!claimsFor) return html(res, 400, 'unknown login_hint');
    void this.idToken(claimsFor(query.get('nonce') ?? '')).then((token) =>
      html(
        res,
        200,
        `<form method="post" action="${escapeAttr(query.get('redirect_uri') ?? '')}"><input type="hidden" name="id_token" value="${escapeAttr(token)}"><input type="hidden" name="state" value="${escapeAttr(query.get('state') ?? '')}"></form><script>document.forms[0].submit()</script>`,
      ),
    );
  }

  /** Client credentials with a JWT bearer assertion (IMS Security Framework 4.1). */
  /** The LMS forgets every access token it issued (they answer 401 from now on). */
  revokeTokens(): void {
    this.issuedTokens.clear();
  }

  private async token(res: ServerResponse, form: URLSearchParams): Promise<void> {
    this.tokenRequests++;
    if (this.down || this.tokenDown) return json(res, 503, { error: 'maintenance' });
    if (form.get('grant_type') !== 'client_credentials' || form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') {
      return json(res, 400, { error: 'unsupported_grant_type' });
    }
    if (!form.get('scope')?.split(' ').includes('https://purl.imsglobal.org/spec/lti-ags/scope/score')) return json(res, 400, { error: 'invalid_scope' });
    try {
      const { payload } = await jwtVerify(form.get('client_assertion') ?? '', createLocalJWKSet(await this.toolJwks()), {
        issuer: this.clientId,
        subject: this.clientId,
        audience: this.tokenUrl,
        algorithms: ['RS256'],
        requiredClaims: ['jti', 'exp', 'iat'],
      });
      this.assertions.push(payload);
    } catch (error) {
      return json(res, 401, { error: 'invalid_client', error_description: (error as Error).message });
    }
    const token = randomBytes(16).toString('hex');
    this.issuedTokens.add(token);
    json(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600, scope: 'https://purl.imsglobal.org/spec/lti-ags/scope/score' });
  }

  private score(req: IncomingMessage, res: ServerResponse, url: URL, body: string): void {
    if (this.down) return json(res, 503, { error: 'maintenance' });
    const token = req.headers.authorization?.replace(/^Bearer /, '');
    if (!token || !this.issuedTokens.has(token)) return json(res, 401, { error: 'invalid_token' });
    if (this.missingLineItems.has(url.pathname.split('/')[2]!)) return json(res, 404, { error: 'line item not found' });
    const answer = this.lineItemAnswers.get(url.pathname.split('/')[2]!);
    if (answer) return void res.writeHead(answer.status, { 'Content-Type': 'text/plain' }).end(answer.body);
    this.scores.push({ path: `${url.pathname}${url.search}`, contentType: req.headers['content-type'], body: JSON.parse(body) as Record<string, unknown> });
    res.writeHead(204).end();
  }
}

/** Claims of a resource-link launch for `user`, as Moodle sends them. */
export function resourceLinkClaims(lms: FakeLms, nonce: string, user: { sub: string; roles: string[]; email?: string; name?: string }, quiz: string, lineItem?: string): Record<string, unknown> {
  return {
    sub: user.sub,
    nonce,
    email: user.email,
    name: user.name,
    'https://purl.imsglobal.org/spec/lti/claim/message_type': 'LtiResourceLinkRequest',
    'https://purl.imsglobal.org/spec/lti/claim/version': '1.3.0',
    'https://purl.imsglobal.org/spec/lti/claim/deployment_id': lms.deploymentId,
    // the target its login named (the course page's, or the e2e tests' PUBLIC_URL)
    'https://purl.imsglobal.org/spec/lti/claim/target_link_uri': `${lms.toolLoginUrl ? new URL(lms.toolLoginUrl).origin : 'http://pyquiz.test'}/api/lti/launch`,
    'https://purl.imsglobal.org/spec/lti/claim/resource_link': { id: randomUUID() },
    'https://purl.imsglobal.org/spec/lti/claim/roles': user.roles,
    'https://purl.imsglobal.org/spec/lti/claim/context': { id: 'course-101', title: 'Python 101' },
    'https://purl.imsglobal.org/spec/lti/claim/custom': { quiz },
    ...(lineItem
      ? {
          'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint': {
            scope: ['https://purl.imsglobal.org/spec/lti-ags/scope/lineitem', 'https://purl.imsglobal.org/spec/lti-ags/scope/score'],
            lineitem: lineItem,
            lineitems: `${lms.issuer}/lineitems`,
          },
        }
      : {}),
  };
}

export const ROLE = {
  learner: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner',
  instructor: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor',
  lmsAdmin: 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator',
  systemAdmin: 'http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator',
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function html(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' }).end(`<!doctype html><html><body>${body}</body></html>`);
}

function escapeAttr(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}
