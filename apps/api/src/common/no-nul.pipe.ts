import { BadRequestException, Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';

/**
 * Where `value` (a route parameter, the query, a body) holds a NUL character, in a string or a
 * key, as a field path (`response`, `lines[2].line`); undefined when it holds none. Bodies are at
 * most 64 levels deep (json-depth.ts), so the recursion is bounded.
 */
export function nulField(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const at = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return at;
    const found = nulField(item, at);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Global, before validation: PostgreSQL's text and jsonb cannot hold NUL (U+0000), so a NUL in an
 * answer, a draft, code, a display name or a quiz address reached the database and failed there
 * with a 500 (red team redapi2), on public routes too. No field has a use for it (Python refuses
 * source code with NUL, YAML too), so it is refused with a 400 naming the field.
 */
@Injectable()
export class NoNulPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value; // @CurrentUser() and the like: the server's own values
    const field = nulField(value, metadata.data ?? '');
    if (field === undefined) return value;
    const name = field || metadata.type;
    const error = `${name} must not contain a NUL character (U+0000)`;
    throw new BadRequestException({ message: `${name}: ${error}`, details: [{ field: name, errors: [error] }], error: 'Bad Request' });
  }
}
