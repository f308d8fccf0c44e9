import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  type Document,
  type Node,
} from 'yaml';
import type { DataPath } from './errors.js';

/** Guards against hostile files: each bound turns into a located error, never a hang or crash. */
export const MAX_FILE_BYTES = 256 * 1024;
export const MAX_DEPTH = 32;
export const MAX_ALIASES = 100;

export interface YamlIssue {
  offset: number;
  message: string;
}

export interface ParsedYaml {
  doc: Document.Parsed;
  lineCounter: LineCounter;
  data: unknown;
}

export type YamlParseResult = { ok: true; parsed: ParsedYaml } | { ok: false; issues: YamlIssue[] };

export function parseYaml(text: string): YamlParseResult {
  const size = Buffer.byteLength(text, 'utf8');
  if (size > MAX_FILE_BYTES) {
    return fail(0, `file is ${size} bytes, over the limit of ${MAX_FILE_BYTES} bytes`);
  }
  const lineCounter = new LineCounter();
  // resolveKnownTags: false rejects !!binary, !!set, !!timestamp...: plain data only.
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    // yaml's own duplicate-key check is quadratic (8 s for 20,000 keys): see findStructureProblem.
    uniqueKeys: false,
    resolveKnownTags: false,
  });
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    return { ok: false, issues: problems.map((e) => ({ offset: e.pos[0], message: yamlMessage(e.message) })) };
  }
  const structure = findStructureProblem(doc.contents);
  if (structure !== undefined) return { ok: false, issues: [structure] };
  try {
    return { ok: true, parsed: { doc, lineCounter, data: doc.toJS({ maxAliasCount: MAX_ALIASES }) } };
  } catch (error) {
    const offset = firstAliasOffset(doc.contents) ?? 0;
    return fail(offset, `YAML aliases expand too much (${(error as Error).message})`);
  }
}

function fail(offset: number, message: string): YamlParseResult {
  return { ok: false, issues: [{ offset, message }] };
}

function yamlMessage(message: string): string {
  const first = message.split('\n')[0] ?? message;
  return first.startsWith('Maximum call stack') ? `nested too deeply to parse` : `YAML syntax: ${first}`;
}

type AnyNode = Node | null | undefined;

function children(node: AnyNode): AnyNode[] {
  if (isMap(node)) return node.items.flatMap((pair) => [pair.key as AnyNode, pair.value as AnyNode]);
  if (isSeq(node)) return node.items as AnyNode[];
  return [];
}

/**
 * Nesting depth and duplicate keys, in one iterative walk (the check itself cannot overflow the
 * stack, and a Set per mapping keeps it linear).
 */
function findStructureProblem(root: AnyNode): YamlIssue | undefined {
  const stack: { node: AnyNode; depth: number }[] = [{ node: root, depth: 1 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (depth > MAX_DEPTH) return { offset: node?.range?.[0] ?? 0, message: `nested deeper than ${MAX_DEPTH} levels` };
    if (isMap(node)) {
      const duplicate = findDuplicateKey(node.items.map((pair) => pair.key as AnyNode));
      if (duplicate) return duplicate;
    }
    for (const child of children(node)) stack.push({ node: child, depth: depth + 1 });
  }
  return undefined;
}

function findDuplicateKey(keys: AnyNode[]): YamlIssue | undefined {
  const seen = new Set<string>();
  for (const key of keys) {
    const offset = key?.range?.[0] ?? 0;
    if (!isScalar(key)) return { offset, message: 'YAML syntax: map keys must be plain scalars' };
    const name = String(key.value);
    if (seen.has(name)) return { offset, message: `YAML syntax: Map keys must be unique ("${name}" appears twice)` };
    seen.add(name);
  }
  return undefined;
}

/** Breadth-first, so the error points at an early alias rather than the last one. */
function firstAliasOffset(root: AnyNode): number | undefined {
  const queue: AnyNode[] = [root];
  while (queue.length > 0) {
    const node = queue.shift();
    if (isAlias(node)) return node.range?.[0];
    queue.push(...children(node));
  }
  return undefined;
}

/**
 * The source offset of the value at `path` (or of its key with `atKey`). When the path goes
 * further than the document (a missing field), the deepest existing node is used.
 */
export function offsetOf(doc: Document.Parsed, path: DataPath, atKey = false): number {
  let node: AnyNode = doc.contents;
  let offset = node?.range?.[0] ?? 0;
  for (const [i, segment] of path.entries()) {
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) return offset;
      const key = pair.key as AnyNode;
      const value = pair.value as AnyNode;
      if (last && atKey) return key?.range?.[0] ?? offset;
      node = value ?? key;
    } else if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment] as AnyNode;
    } else {
      return offset;
    }
    offset = node?.range?.[0] ?? offset;
  }
  return offset;
}
