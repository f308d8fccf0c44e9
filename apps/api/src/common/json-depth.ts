import type { IncomingMessage } from 'node:http';

/**
 * How deeply arrays and objects may nest in a JSON request body. The deepest real body is a
 * Parsons answer, `{ "response": [{ "line", "indent" }] }` (3 levels); 64 leaves room for any
 * answer shape to come. Past this the body is refused before it is parsed: class-transformer
 * (the validation pipe) walks a body by recursion, and a 1 MB body of nested brackets held the
 * event loop ~1 s per request before ending in a stack overflow (500), for anyone, signed in or not.
 */
export const MAX_JSON_DEPTH = 64;

/** True when arrays/objects in `text` nest deeper than `limit` (brackets inside strings do not count). */
export function jsonNestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // a backslash escapes the next character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}

/** An error body-parser passes on with its own status and type (the global filter shapes it). */
function parserError(status: number, type: string, message: string): Error {
  return Object.assign(new Error(message), { status, statusCode: status, type, expose: true });
}

/**
 * body-parser's `verify` for JSON: runs on the raw bytes before `JSON.parse`, in the body's own
 * charset. 400 past MAX_JSON_DEPTH; 415 for a charset the check cannot read (JSON is UTF-8 by
 * RFC 8259; UTF-16 is read too).
 */
export function verifyJsonDepth(_req: IncomingMessage, _res: unknown, body: Buffer, encoding: string | null): void {
  let text: string;
  try {
    text = new TextDecoder(encoding ?? 'utf-8').decode(body);
  } catch {
    throw parserError(415, 'charset.unsupported', `unsupported charset "${String(encoding).toUpperCase()}"`);
  }
  if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) {
    throw parserError(400, 'entity.too.deep', `The JSON body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep`);
  }
}
