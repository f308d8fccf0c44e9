import { isAlias, isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { DataPath } from './errors.js';
import { MAX_DEPTH } from './yaml-source.js';

/**
 * Test values (`expected`, `args`, `kwargs`) are Python values (compared with Python's `==`,
 * and by exact type with `exact_type`). JSON numbers cannot say "float 10.0": YAML's `10.0`
 * would arrive as the int 10. This re-reads those values from the YAML nodes and writes a float
 * that has no fraction as the engine's escape `{ $float: 10 }` (non-finite ones as strings: JSON
 * has no Infinity).
 */
export function preservePythonFloats(doc: Document.Parsed, data: Record<string, unknown>): void {
  for (const path of testPaths(data)) {
    const test = valueAt(data, path) as Record<string, unknown>;
    for (const field of ['expected', 'args', 'kwargs'] as const) {
      if (!(field in test)) continue;
      test[field] = toPython(doc.getIn([...path, field], true) as Node | null, doc, 0);
    }
  }
}

function testPaths(data: Record<string, unknown>): DataPath[] {
  const codeRoots: DataPath[] =
    data.kind === 'exercise'
      ? [[]]
      : ((data.questions as Record<string, unknown>[]) ?? []).flatMap((q, i) => (q.type === 'code' || q.type === 'parsons' ? [['questions', i]] : []));
  return codeRoots.flatMap((root) =>
    (['examples', 'tests'] as const).flatMap((list) => {
      const tests = (valueAt(data, [...root, list]) as unknown[] | undefined) ?? [];
      return tests.map((_, i): DataPath => [...root, list, i]);
    }),
  );
}

function valueAt(data: unknown, path: DataPath): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)?.[key], data);
}

const FLOAT_SOURCE = /^[-+]?(\.inf|\.nan|[0-9_]*\.[0-9_]*([eE][-+]?[0-9]+)?|[0-9_]+[eE][-+]?[0-9]+)$/i;

function toPython(node: Node | null, doc: Document.Parsed, depth: number): unknown {
  if (depth > MAX_DEPTH * 2) throw new RangeError('value nested too deeply');
  if (isAlias(node)) return toPython(node.resolve(doc) ?? null, doc, depth + 1);
  if (isSeq(node)) return node.items.map((item) => toPython(item as Node, doc, depth + 1));
  if (isMap(node)) {
    // fromEntries defines own properties, so a "__proto__" key stays a plain key.
    return Object.fromEntries(
      node.items.map((pair) => [String(isScalar(pair.key) ? pair.key.value : pair.key), toPython(pair.value as Node, doc, depth + 1)]),
    );
  }
  if (!isScalar(node)) return null;
  const value = node.value;
  if (typeof value !== 'number' || node.type !== 'PLAIN' || !FLOAT_SOURCE.test(node.source ?? '')) return value;
  if (!Number.isFinite(value)) return { $float: String(value) };
  return Number.isInteger(value) ? { $float: value } : value;
}
