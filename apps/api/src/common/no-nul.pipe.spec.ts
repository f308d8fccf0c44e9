import { BadRequestException } from '@nestjs/common';
import { NoNulPipe, nulField } from './no-nul.pipe.js';

describe('nulField', () => {
  it('names the field holding a NUL, in strings and keys, at any depth', () => {
    expect(nulField('a\u0000', 'course')).toBe('course');
    expect(nulField({ response: [{ line: 'x' }, { line: 'y\u0000' }] }, '')).toBe('response[1].line');
    expect(nulField({ ['k\u0000']: 1 }, 'query')).toBe('query.k\u0000');
    expect(nulField({ source: 'print("\\x00")', n: 1, ok: null, list: ['a'] }, '')).toBeUndefined();
  });
});

describe('NoNulPipe', () => {
  const pipe = new NoNulPipe();

  it('passes values without NUL through unchanged, and the server\'s own (custom) values unread', () => {
    const body = { response: 'a' };
    expect(pipe.transform(body, { type: 'body' })).toBe(body);
    expect(pipe.transform({ id: '\u0000' }, { type: 'custom' })).toEqual({ id: '\u0000' });
  });

  it('refuses a NUL with a 400 naming the field', () => {
    expect(() => pipe.transform('a\u0000', { type: 'param', data: 'slug' })).toThrow(BadRequestException);
    let caught: unknown;
    try {
      pipe.transform({ displayName: 'a\u0000b' }, { type: 'body' });
    } catch (error) {
      caught = error;
    }
    expect((caught as BadRequestException).getResponse()).toMatchObject({ details: [{ field: 'displayName' }] });
  });
});
