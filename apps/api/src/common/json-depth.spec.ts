import { jsonNestsDeeperThan, MAX_JSON_DEPTH, verifyJsonDepth } from './json-depth.js';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('JSON nesting limit', () => {
  it('counts arrays and objects, not brackets inside strings or after escaped quotes', () => {
    expect(jsonNestsDeeperThan(nested(3), 3)).toBe(false);
    expect(jsonNestsDeeperThan(nested(4), 3)).toBe(true);
    expect(jsonNestsDeeperThan('{"a":{"b":[1]}}', 3)).toBe(false);
    expect(jsonNestsDeeperThan('{"a":{"b":[[1]]}}', 3)).toBe(true);
    expect(jsonNestsDeeperThan(JSON.stringify({ s: '[[[[[[{{{{' }), 1)).toBe(false);
    // An escaped quote does not end the string; an escaped backslash before the quote does.
    expect(jsonNestsDeeperThan(JSON.stringify({ s: 'x"[[[[' }), 1)).toBe(false);
    expect(jsonNestsDeeperThan(`{"s":"x\\\\",${'['.repeat(3)}`, 4)).toBe(false);
    expect(jsonNestsDeeperThan(`{"s":"x\\\\",${'['.repeat(3)}`, 3)).toBe(true);
  });

  it('refuses a deep body with 400 in its own charset (UTF-16 too), and an unreadable charset with 415', () => {
    const deep = `{"a":${nested(MAX_JSON_DEPTH + 1)}}`;
    const check = (body: Buffer, charset: string | null) => {
      try {
        verifyJsonDepth({} as never, undefined, body, charset);
        return 'ok';
      } catch (error) {
        return (error as { status: number }).status;
      }
    };
    expect(check(Buffer.from(deep), 'utf-8')).toBe(400);
    expect(check(Buffer.from(deep), null)).toBe(400);
    expect(check(Buffer.from(deep, 'utf16le'), 'utf-16le')).toBe(400);
    expect(check(Buffer.from(`{"a":${nested(MAX_JSON_DEPTH - 1)}}`), 'utf-8')).toBe('ok');
    expect(check(Buffer.from('{}'), 'utf-32')).toBe(415);
  });
});
