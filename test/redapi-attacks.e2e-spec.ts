import { randomBytes } from 'node:crypto';
import { parseFileText, type CourseItem } from '../libs/quiz-spec/src/index.js';
import { CatalogRepository } from '../apps/api/src/catalog/catalog.repository.js';
import { startTestApp, type TestApp } from './support/app.js';

// Red team "redapi" (HTTP, as a learner or anonymous): each test is an attack that worked.

const EXAM = `kind: quiz
id: redapi/exam
title: Timed check
attempts: 1
exam:
  minutes: 20
questions:
  - id: pick
    type: single_choice
    prompt: REDAPI_EXAM_PROMPT which keyword rebinds an enclosing variable?
    choices:
      - { id: a, text: REDAPI_EXAM_CHOICE nonlocal, correct: true }
      - { id: b, text: global }
  - id: predict
    type: predict_output
    prompt: REDAPI_EXAM_CODE_PROMPT what does this print?
    code: "print(REDAPI_EXAM_CODE)"
    expected_output: "1"
`;

const NOT_YET = `kind: quiz
id: redapi/not-yet
title: Opens later
opens: "2999-01-01T00:00:00Z"
questions:
  - id: word
    type: short_answer
    prompt: REDAPI_LATER_PROMPT name the keyword.
    accept: [nonlocal]
`;

const TWO_ITEMS = `kind: quiz
id: redapi/two-items
title: Two steps
questions:
  - id: order
    type: ordering
    prompt: Put the two steps in order.
    items: [REDAPI_FIRST, REDAPI_SECOND]
`;

const SLOW = `kind: quiz
id: redapi/slow
title: Double
questions:
  - id: double
    type: code
    prompt: Write double(x).
    limits: { time_ms: 300, total_ms: 600 }
    examples:
      - { name: doubles_two, expr: "double(2)", expected: 4 }
    tests:
      - { name: doubles, expr: "double(21)", expected: 42 }
    solution: "def double(x):\\n    return 2 * x\\n"
    wrong_solutions:
      - { name: triples, code: "def double(x):\\n    return 3 * x\\n", fails: [doubles_two, doubles], feedback: "Twice, not three times." }
      - { name: squares, code: "def double(x):\\n    return x * x\\n", fails: [doubles], feedback: "Twice, not squared." }
`;

let t: TestApp;
/** Signed in before the login throttle test spends this address's sign-ins. */
let adminToken: string;

async function register(): Promise<string> {
  const email = `redapi-${randomBytes(5).toString('hex')}@example.org`;
  const response = await t.http.post('/api/auth/register').send({ email, password: 'a-password-123', displayName: 'Red' }).expect(201);
  return `Bearer ${response.body.accessToken as string}`;
}

beforeAll(async () => {
  t = await startTestApp({ LOG_LEVEL: 'silent', SCRYPT_COST: '10', LOGINS_PER_MINUTE_PER_IP: '30', ATTEMPT_STARTS_PER_HOUR: '10' });
  const catalog = t.app.get(CatalogRepository);
  for (const [slug, yaml] of Object.entries({ exam: EXAM, 'not-yet': NOT_YET, 'two-items': TWO_ITEMS, slow: SLOW })) {
    const parsed = parseFileText(`redapi/${slug}.yaml`, yaml);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    await catalog.saveVersion({ item: parsed.item as CourseItem, course: 'redapi', hash: parsed.hash, sourceYaml: yaml });
  }
  const admin = await t.http.post('/api/auth/login').send({ email: 'admin@example.org', password: 'admin-password-for-tests' }).expect(200);
  adminToken = `Bearer ${admin.body.accessToken as string}`;
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('red team redapi: what the public quiz page gives away', () => {
  // The quiz cover (GET /api/quizzes/:course/:slug, public) returned every question of a timed
  // exam: anyone, signed in or not, read the prompts, choices and code examples for as long as
  // they liked, then started the attempt and answered within the timer. A quiz that is not open
  // yet showed its questions the same way.
  it("does not show a timed exam's questions before the attempt (and its timer) starts", async () => {
    const cover = await t.http.get('/api/quizzes/redapi/exam').expect(200);
    expect(cover.body).toMatchObject({ exam: { minutes: 20 }, questionCount: 2, hasCode: false, maxScore: 2, questions: [] });
    expect(cover.text).not.toMatch(/REDAPI_EXAM/);
    // The attempt shows them, with its deadline running.
    const token = await register();
    const started = await t.http.post('/api/quizzes/redapi/exam/attempts').set('Authorization', token).expect(201);
    expect(started.body.deadline).toEqual(expect.any(String));
    expect(started.text).toContain('REDAPI_EXAM_PROMPT');
  });

  it('does not show the questions of a quiz that is not open yet', async () => {
    const cover = await t.http.get('/api/quizzes/redapi/not-yet').expect(200);
    expect(cover.body).toMatchObject({ availability: 'not_open_yet', questionCount: 1, hasCode: false, questions: [] });
    expect(cover.text).not.toContain('REDAPI_LATER_PROMPT');
  });

  it('still shows an open practice exercise with its examples (the cover of the course)', async () => {
    const cover = await t.http.get('/api/quizzes/closures/make-counter').expect(200);
    expect(cover.body).toMatchObject({ questionCount: 1, hasCode: true, questions: [{ type: 'code', examples: [{ name: 'first_call_returns_1' }, { name: 'three_calls' }] }] });
  });
});

describe('red team redapi: deeply nested JSON bodies', () => {
  // 20 KB of nested brackets ended in a stack overflow inside class-transformer (500 and an
  // error log with its stack); 1 MB of them held the event loop ~1.1 s per request (8 such
  // anonymous logins at once: /health answered after 8.8 s).
  const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

  it('refuses a body nesting deeper than 64 levels with 400 before parsing it, on public and signed-in routes', async () => {
    const login = await t.http.post('/api/auth/login').set('Content-Type', 'application/json').send(`{"email":"a@example.org","password":${nested(10_000)}}`);
    expect({ status: login.status, body: login.body }).toEqual({
      status: 400,
      body: expect.objectContaining({ statusCode: 400, message: expect.stringContaining('more than 64 levels deep'), requestId: expect.any(String) }),
    });
    const token = await register();
    const started = await t.http.post('/api/quizzes/redapi/not-yet/attempts').set('Authorization', token);
    expect(started.status).toBe(403);
    const deep = await t.http.put('/api/attempts/00000000-0000-4000-8000-000000000000/answers/pick').set('Authorization', token).set('Content-Type', 'application/json').send(`{"response":${nested(400_000)}}`);
    expect(deep.status).toBe(400);
    // Brackets inside strings are text, and a body at the limit is read as before.
    const text = await t.http.post('/api/auth/login').send({ email: 'a@example.org', password: '['.repeat(150) });
    expect(text.status).toBe(401);
    const atLimit = await t.http.post('/api/auth/login').set('Content-Type', 'application/json').send(`{"email":"a@example.org","password":"x","extra":${nested(63)}}`);
    expect([atLimit.status, atLimit.body.message]).toEqual([400, expect.stringContaining('extra should not exist')]);
  });
});

describe('red team redapi: page numbers', () => {
  // ?page=1e21 (an integer to class-validator) became an OFFSET the database refused: 500 on the
  // public catalogue and on every list route.
  it('answers 400 naming page for a page number past any list, on the public catalogue and signed-in lists', async () => {
    const token = await register();
    for (const path of ['/api/quizzes?page=1e21', '/api/me/attempts?page=99999999999999999999', '/api/me/progress?page=1e21']) {
      const response = await t.http.get(path).set('Authorization', token);
      expect([path, response.status, response.body.details?.[0]?.field]).toEqual([path, 400, 'page']);
    }
    expect((await t.http.get('/api/quizzes?page=2147483648')).status).toBe(400);
    expect((await t.http.get('/api/quizzes?page=1000000')).body).toMatchObject({ items: [], page: 1000000 });
  });
});

describe('red team redapi: look-alike accounts', () => {
  // Emails were only trimmed and lower-cased: "jos\u00e9@" (é as one character) and "jose\u0301@"
  // (e and a combining accent) made two accounts whose emails print the same, on the Users page,
  // the Learners page and in the scores CSV, where the email is what tells learners apart.
  it('refuses a second account whose email differs from another only by Unicode composition, and signs in with either form', async () => {
    const local = `jos-${randomBytes(3).toString('hex')}`;
    const composed = `${local}\u00e9@example.org`;
    const decomposed = `${local}e\u0301@example.org`;
    const first = await t.http.post('/api/auth/register').send({ email: composed, password: 'a-password-123', displayName: 'Jose' }).expect(201);
    const twin = await t.http.post('/api/auth/register').send({ email: decomposed, password: 'a-password-123', displayName: 'Jose' });
    expect(twin.status).toBe(409);
    const login = await t.http.post('/api/auth/login').send({ email: decomposed, password: 'a-password-123' }).expect(200);
    expect(login.body.user.id).toBe(first.body.user.id);
  });
});

describe('red team redapi: login CSRF', () => {
  // The auth routes took HTML form posts (the urlencoded parser is there for LTI launches) from
  // any site: a page elsewhere auto-submitted a form to /api/auth/login with the attacker's
  // credentials, and the victim's browser got the attacker's session cookie (SameSite=Lax allows
  // a top-level POST to set it). The victim's answers and code then went into the attacker's
  // account: a score the attacker did not earn. Cross-site logout ended a learner's session mid-exam.
  it('refuses sign-in, sign-up and sign-out that a browser marks as sent from another site, and sets no cookie', async () => {
    const token = await register();
    const me = await t.http.get('/api/auth/me').set('Authorization', token).expect(200);
    const email = me.body.user.email as string;
    const fromElsewhere = (path: string, body: string) =>
      t.http.post(path).type('form').set('Sec-Fetch-Site', 'cross-site').set('Sec-Fetch-Mode', 'navigate').set('Origin', 'https://evil.example').send(body);
    const login = await fromElsewhere('/api/auth/login', `email=${encodeURIComponent(email)}&password=a-password-123`);
    expect([login.status, login.headers['set-cookie']]).toEqual([403, undefined]);
    expect(login.body.message).toMatch(/another site/);
    const signup = await fromElsewhere('/api/auth/register', `email=csrf-${randomBytes(3).toString('hex')}%40example.org&password=a-password-123&displayName=X`);
    expect([signup.status, signup.headers['set-cookie']]).toEqual([403, undefined]);
    const logout = await fromElsewhere('/api/auth/logout', '');
    expect([logout.status, logout.headers['set-cookie']]).toEqual([403, undefined]);
    // The pages' own requests (same origin), typed addresses and API clients without the header sign in.
    for (const site of ['same-origin', 'none', undefined]) {
      const request = t.http.post('/api/auth/login').send({ email, password: 'a-password-123' });
      const ok = await (site ? request.set('Sec-Fetch-Site', site) : request);
      expect([site, ok.status]).toEqual([site, 200]);
    }
  });
});

describe('red team redapi: sign-in as a denial of service', () => {
  // The login throttle counted per address AND email only: one address trying a new email each
  // time was never refused, and every try costs a password hash (unknown emails too, so timing
  // does not tell which exist), in a first-come queue of PASSWORD_HASHES_AT_ONCE slots. 40 such
  // requests at a time from one address (171 sent in ~5 s, no 429) made a learner's own sign-in
  // take 5.0-6.9 s instead of 0.2 s: a class signing in for an exam waits behind them.
  it('does not count sign-ins that succeed: a class signing in from one NAT address is not refused', async () => {
    const accounts = await Promise.all([1, 2, 3, 4].map(async (i) => {
      const email = `redapi-class-${i}-${randomBytes(3).toString('hex')}@example.org`;
      await t.http.post('/api/auth/register').send({ email, password: 'a-password-123', displayName: `Class ${i}` }).expect(201);
      return email;
    }));
    const statuses: number[] = [];
    for (let round = 0; round < 9; round++) { // 36 sign-ins from one address, 9 per account (10 a minute per account)
      for (const email of accounts) statuses.push((await t.http.post('/api/auth/login').send({ email, password: 'a-password-123' })).status);
    }
    expect(statuses).toEqual(Array(36).fill(200)); // more than LOGINS_PER_MINUTE_PER_IP (30), all let in
  });

  it('refuses an address that tries more than LOGINS_PER_MINUTE_PER_IP sign-ins a minute, whatever the emails', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const response = await t.http.post('/api/auth/login').send({ email: `nobody-${i}-${randomBytes(3).toString('hex')}@example.org`, password: 'wrong-password' });
      statuses.push(response.status);
      if (response.status === 429) expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    }
    // (The setup and tests above signed in from the same address in this minute too, successfully:
    // those gave their points back.)
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('red team redapi: one learner holding the grader', () => {
  // The grading queue is first come, first served, and each learner may send CODE_RUNS_PER_MINUTE
  // (20) runs and submissions a minute, all at once. 20 runs of an endless loop on make-counter
  // (each stopped at its 10 s total limit) made another learner's right solution wait 189 s for
  // its verdict on one grader worker, and the next minute's 20 would queue behind those: one
  // account kept every other learner's code waiting, an exam's included.
  it('refuses a learner more than 3 runs and submissions still being graded at once (429), and takes more once they are done', async () => {
    const token = await register();
    const started = await t.http.post('/api/quizzes/redapi/slow/attempts').set('Authorization', token).expect(201);
    const loop = 'def double(x):\n    while True:\n        pass\n';
    const send = (kind: string) => t.http.post(`/api/attempts/${started.body.id}/questions/double/${kind}`).set('Authorization', token).send({ source: loop });
    const burst = await Promise.all(['run', 'submissions', 'run', 'submissions', 'run', 'submissions', 'run', 'submissions'].map(send));
    const statuses = burst.map((response) => response.status);
    expect(statuses.filter((status) => status === 429)).toHaveLength(5);
    const refused = burst.find((response) => response.status === 429)!;
    expect(refused.body.message).toMatch(/still being graded/);
    // Once they are graded, the learner sends code again.
    for (const response of burst.filter((r) => r.status === 202)) {
      for (let i = 0; i < 120; i++) {
        const polled = await t.http.get(response.body.poll).set('Authorization', token);
        if (polled.body.status === 'graded' || polled.body.status === 'error') break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
    const again = await send('run');
    expect([201, 202]).toContain(again.status);
  }, 120_000);
});

describe('red team redapi: the scores CSV opened where ; separates cells', () => {
  // The CSV neutralised a formula only at the start of a cell. Spreadsheets set to a list
  // separator of ';' (most of Europe) split an unquoted cell there: a learner named
  // "Ann;=cmd|'/C calc'!A0" became, in the admin's spreadsheet, a cell starting with '='.
  it("leaves no cell starting with = + - @ whether the CSV is split at commas or at semicolons", async () => {
    const email = `redapi-csv-${randomBytes(3).toString('hex')}@example.org`;
    const name = "Ann;=cmd|'/C calc'!A0;+1,@SUM(1)";
    const registered = await t.http.post('/api/auth/register').send({ email, password: 'a-password-123', displayName: name }).expect(201);
    const token = `Bearer ${registered.body.accessToken as string}`;
    const started = await t.http.post('/api/quizzes/redapi/two-items/attempts').set('Authorization', token).expect(201);
    await t.http.put(`/api/attempts/${started.body.id}/answers/order`).set('Authorization', token).send({ response: started.body.questions[0].items }).expect(200);
    const csv = await t.http.get('/api/admin/quizzes/redapi/two-items/scores.csv').set('Authorization', adminToken).expect(200);
    const row = csv.text.split('\r\n').find((line) => line.startsWith(email))!;
    expect(row).toContain('Ann');
    const cells = row.split(/[;,]/);
    expect(cells.filter((cell) => /^[=+\-@]/.test(cell))).toEqual([]);
  });
});

describe('red team redapi: product decisions', () => {
  // Fixed in quiz-spec (learner-view.spec.ts): an ordering question (or an order-graded Parsons
  // problem without distractors) was shown "never in the correct order", so with two items its
  // reverse was the answer on every attempt; two items are now shuffled plainly.

  // The shipped exam closures/closures-check (visible tests off, scores hidden until release)
  // includes the exercise closures/make-counter by reference, and that exercise is also published
  // on its own as practice. During the exam a learner opened the practice exercise and got, for
  // the very same hidden tests, each test's verdict and the author's feedback, with unlimited
  // submissions. While an exam's timer runs, its taker's code is graded in that exam only.
  it('(fixed) during a timed exam, code sent to another attempt is refused (409): the practice copy of its question gives nothing away', async () => {
    const token = await register();
    const practice = await t.http.post('/api/quizzes/closures/make-counter/attempts').set('Authorization', token).expect(201);
    const exam = await t.http.post('/api/quizzes/closures/closures-check/attempts').set('Authorization', token).expect(201);
    expect(exam.body.questions.map((q: { id: string }) => q.id)).toContain('closures/make-counter');
    const wrong = 'def make_counter():\n    def c():\n        return 1\n    return c\n';
    const inExam = await t.http.post(`/api/attempts/${exam.body.id}/questions/${encodeURIComponent('closures/make-counter')}/submissions`).set('Authorization', token).send({ source: wrong });
    expect(inExam.body.tests).toEqual([]); // withheld, as it should be
    for (const kind of ['submissions', 'run']) { // the practice attempt started before the exam, and a new one
      const copy = await t.http.post(`/api/attempts/${practice.body.id}/questions/make-counter/${kind}`).set('Authorization', token).send({ source: wrong });
      expect({ kind, status: copy.status, tests: copy.body.tests }).toEqual({ kind, status: 409, tests: undefined });
      expect(copy.body.message).toMatch(/timed exam in progress/);
    }
    // Once the exam is handed in, practice grades again.
    await t.http.post(`/api/attempts/${exam.body.id}/submit`).set('Authorization', token).expect(200);
    const after = await t.http.post(`/api/attempts/${practice.body.id}/questions/make-counter/run`).set('Authorization', token).send({ source: wrong });
    expect([200, 201, 202]).toContain(after.status);
  });

  // Nothing limited how fast a learner started practice attempts and saved drafts (the code
  // throttle covers runs and submissions only), and each attempt keeps a 64 KiB draft per code
  // question after it is finished. One account, one request at a time, start + draft + finish in
  // a loop: 60 attempts in 4.7 s, ~0.8 MB/s (~2.9 GB an hour) of drafts kept in the database, on
  // the disk every learner's answers need. New attempts are now limited per user and hour
  // (ATTEMPT_STARTS_PER_HOUR, 120 by default, 10 in this app); resuming one does not count.
  it('(fixed) a learner can no longer fill the database with drafts of attempts started in a loop', async () => {
    const token = await register();
    const source = `#${'x'.repeat(65_535)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) {
      const started = await t.http.post('/api/quizzes/closures/make-counter/attempts').set('Authorization', token);
      statuses.push(started.status);
      if (started.status !== 201) continue;
      const resumed = await t.http.post('/api/quizzes/closures/make-counter/attempts').set('Authorization', token).expect(200); // not counted
      expect(resumed.body.id).toBe(started.body.id);
      await t.http.put(`/api/attempts/${started.body.id}/questions/make-counter/draft`).set('Authorization', token).send({ source }).expect(200);
      await t.http.post(`/api/attempts/${started.body.id}/submit`).set('Authorization', token).expect(200);
    }
    expect(statuses).toEqual([...Array(10).fill(201), ...Array(4).fill(429)]);
    const kept = await t.prisma.draft.count({ where: { attempt: { user: { email: { startsWith: 'redapi-' } } } } });
    expect(kept).toBeLessThanOrEqual(10);
  });
});
