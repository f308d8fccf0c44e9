import { randomUUID } from 'node:crypto';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
const METHODS: HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];

export interface JsonSchema {
  type?: string;
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  allOf?: JsonSchema[];
  format?: string;
  maxLength?: number;
}

export interface Operation {
  parameters?: { name: string; in: string; schema?: JsonSchema; required?: boolean }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Partial<Record<HttpMethod, Operation>>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export interface Route {
  /** `GET /api/attempts/{id}`: the key of the expectation tables. */
  key: string;
  method: HttpMethod;
  template: string;
  operation: Operation;
}

/** Every (method, path) pair the API documents. */
export function routesOf(doc: OpenApiDocument): Route[] {
  const routes: Route[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation) routes.push({ key: `${method.toUpperCase()} ${template}`, method, template, operation });
    }
  }
  return routes.sort((a, b) => a.key.localeCompare(b.key));
}

/** Path parameter values that exist in the seeded catalogue (or well-formed ids that do not). */
const SAMPLE_PARAMS: Record<string, () => string> = {
  course: () => 'closures',
  slug: () => 'make-counter',
  key: () => 'make-counter',
  questionKey: () => 'make-counter',
  id: () => randomUUID(),
};

/** The route's URL with every `{param}` filled (unknown names get a placeholder word). */
export function concretePath(template: string, overrides: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(overrides[name] ?? SAMPLE_PARAMS[name]?.() ?? 'sample'),
  );
}

/** Resolves `$ref` and `allOf` against the document's components. */
export function resolveSchema(doc: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) return resolveSchema(doc, doc.components?.schemas?.[schema.$ref.split('/').pop()!]);
  if (schema.allOf) {
    const parts = schema.allOf.map((part) => resolveSchema(doc, part) ?? {});
    return { type: 'object', properties: Object.assign({}, ...parts.map((p) => p.properties)), required: parts.flatMap((p) => p.required ?? []) };
  }
  return schema;
}

export function bodySchema(doc: OpenApiDocument, route: Route): JsonSchema | undefined {
  return resolveSchema(doc, route.operation.requestBody?.content?.['application/json']?.schema);
}
