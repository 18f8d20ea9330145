// GitHub's published OpenAPI description (from @octokit/openapi) as a checker for the fake REST API in
// github-server.ts: which operation a method + path is, whether its parameters and body have the documented
// shape, and whether the fake's own answers do.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

type Schema = Record<string, unknown>;

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: Schema;
}

interface OperationObject {
  operationId: string;
  externalDocs?: { url?: string };
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema?: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  names: string[];
  // Literal segments outrank parameters position by position, as on GitHub, so `/issues/comments` is the
  // repository's comment list rather than issue number "comments".
  rank: string;
  operation: OperationObject;
}

export interface MatchedOperation {
  method: string;
  template: string;
  operationId: string;
  /** path parameters, percent-decoded */
  pathParams: Record<string, string>;
  operation: OperationObject;
}

export interface RequestCheck {
  /** 400 for a body that is not JSON, 422 for a shape the description does not allow (as GitHub answers) */
  status: 400 | 422;
  problems: string[];
  /** path and query parameters, coerced to the types the description gives them */
  params: Record<string, unknown>;
  body: unknown;
}

export interface OpenApi {
  match(method: string, rawPath: string): MatchedOperation | undefined;
  checkRequest(matched: MatchedOperation, query: URLSearchParams, rawBody: string): RequestCheck;
  /** problems with a JSON answer, judged by the schema documented for that status (none when undocumented) */
  checkResponse(matched: MatchedOperation, status: number, body: unknown): string[];
  /** a value with every required field of one element of the documented answer, from the description's examples */
  sampleResponseItem(method: string, template: string, status: number): unknown;
}

const SPEC_FILE = join(
  import.meta.dirname,
  '..',
  'node_modules',
  '@octokit',
  'openapi',
  'generated',
  'api.github.com.deref.json',
);

const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
// Parameters arrive as strings; coercion turns them into what the schema says, as GitHub's router does.
const paramAjv = new Ajv({ strict: false, allErrors: true, validateFormats: false, coerceTypes: 'array' });
const validators = new WeakMap<object, ValidateFunction>();

let loading: Promise<OpenApi> | undefined;

/** The description is 73 MB, so it is read once per process, on first use. */
export function loadOpenApi(): Promise<OpenApi> {
  loading ??= readFile(SPEC_FILE, 'utf8').then((text) => {
    // Prose descriptions are two thirds of the parsed size and never affect validation.
    const spec = JSON.parse(text, (key, value: unknown) =>
      key === 'description' && typeof value === 'string' ? undefined : typedNullable(value),
    ) as { paths: Record<string, Record<string, OperationObject>> };
    return createOpenApi(spec.paths);
  });
  return loading;
}

function createOpenApi(paths: Record<string, Record<string, OperationObject>>): OpenApi {
  const routes: Route[] = [];
  for (const [template, operations] of Object.entries(paths)) {
    const names: string[] = [];
    const source = template.replace(/\{([^}]+)\}|[^{]+/g, (part, name: string | undefined) => {
      if (name === undefined) return part.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      names.push(name);
      return '([^/]+)';
    });
    const rank = template
      .split('/')
      .map((segment) => (segment.includes('{') ? '1' : '0'))
      .join('');
    for (const [method, operation] of Object.entries(operations)) {
      routes.push({
        method: method.toUpperCase(),
        template,
        pattern: new RegExp(`^${source}$`),
        names,
        rank,
        operation,
      });
    }
  }
  routes.sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));

  function match(method: string, rawPath: string): MatchedOperation | undefined {
    for (const route of routes) {
      if (route.method !== method) continue;
      const found = route.pattern.exec(rawPath);
      if (!found) continue;
      const pathParams: Record<string, string> = {};
      route.names.forEach((name, i) => (pathParams[name] = decode(found[i + 1] ?? '')));
      const { template, operation } = route;
      return { method, template, operationId: operation.operationId, pathParams, operation };
    }
    return undefined;
  }

  function sampleResponseItem(method: string, template: string, status: number): unknown {
    const schema =
      paths[template]?.[method.toLowerCase()]?.responses[status]?.content?.['application/json']?.schema;
    if (!schema) throw new Error(`no ${status} answer documented for ${method} ${template}`);
    return sample(schema.type === 'array' ? (schema.items as Schema) : schema);
  }

  return { match, checkRequest, checkResponse, sampleResponseItem };
}

function checkRequest(matched: MatchedOperation, query: URLSearchParams, rawBody: string): RequestCheck {
  const { operation } = matched;
  const declared = operation.parameters ?? [];
  const problems: string[] = [];
  const params: Record<string, unknown> = { ...matched.pathParams };
  for (const [name, value] of query) {
    const schema = declared.find((p) => p.in === 'query' && p.name === name)?.schema;
    params[name] = schema?.type === 'array' ? value.split(',') : value;
  }
  // GitHub ignores unknown query parameters, but here one is almost surely a misspelt real one.
  const inUrl = declared.filter((p) => p.in === 'path' || p.in === 'query');
  const paramSchema = {
    type: 'object',
    properties: Object.fromEntries(inUrl.map((p) => [p.name, p.schema ?? {}])),
    required: inUrl.filter((p) => p.required).map((p) => p.name),
    additionalProperties: false,
  };
  const validParams = compile(operation, paramSchema, paramAjv);
  if (!validParams(params)) problems.push(...explain(validParams.errors, 'parameters'));

  const bodySchema = operation.requestBody?.content['application/json']?.schema;
  let body: unknown;
  if (rawBody.trim() === '') {
    if (operation.requestBody?.required) problems.push('request body is required');
  } else if (!operation.requestBody) {
    problems.push(`takes no request body, got ${rawBody.slice(0, 200)}`);
  } else if (bodySchema) {
    try {
      body = JSON.parse(rawBody);
    } catch {
      return { status: 400, problems: ['Problems parsing JSON'], params, body };
    }
    const validBody = compile(bodySchema, bodySchema, ajv);
    if (!validBody(body)) problems.push(...explain(validBody.errors, 'body'));
    // Like unknown query parameters: ignored by GitHub, but a typo in a test.
    const known = bodySchema.properties;
    if (bodySchema.additionalProperties === undefined && isRecord(known) && isRecord(body)) {
      for (const key of Object.keys(body))
        if (!(key in known)) problems.push(`body has unknown field "${key}"`);
    }
  }
  return { status: 422, problems, params, body };
}

function checkResponse(matched: MatchedOperation, status: number, body: unknown): string[] {
  const schema = matched.operation.responses[status]?.content?.['application/json']?.schema;
  if (!schema) return [];
  const valid = compile(schema, schema, ajv);
  return valid(body) ? [] : explain(valid.errors, `${status} answer`);
}

function compile(key: object, schema: object, instance: Ajv): ValidateFunction {
  let valid = validators.get(key);
  if (!valid) {
    valid = instance.compile(schema);
    validators.set(key, valid);
  }
  return valid;
}

function explain(errors: ErrorObject[] | null | undefined, where: string): string[] {
  return (errors ?? []).slice(0, 8).map((e) => {
    const extra = e.keyword === 'additionalProperties' ? ` "${String(e.params['additionalProperty'])}"` : '';
    return `${where}${e.instancePath} ${e.message ?? e.keyword}${extra}`;
  });
}

/** Required fields only; the description's own examples make the values look like GitHub's. */
export function sample(schema: Schema): unknown {
  if (Array.isArray(schema.enum)) return schema.enum[0];
  // Object examples are often partial, so only scalar ones are trusted.
  if (schema.example !== undefined && typeof schema.example !== 'object') return schema.example;
  const variants = (schema.allOf ?? schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
  if (variants) {
    if (schema.allOf) return Object.assign({}, ...variants.map(sample));
    return variants[0] ? sample(variants[0]) : null;
  }
  if (schema.nullable === true) return null;
  switch (schema.type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const required = (schema.required ?? []) as string[];
      return Object.fromEntries(
        required.map((name) => [name, properties[name] ? sample(properties[name]) : null]),
      );
    }
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return 1;
    case 'boolean':
      return false;
    case 'string':
      if (schema.format === 'date-time') return '2024-01-01T00:00:00Z';
      return schema.format === 'uri' ? 'https://github.com/' : '';
    default:
      return null;
  }
}

/**
 * How GitHub means OpenAPI's `nullable`, in terms Ajv takes: Ajv allows it only beside a `type`, and lets an
 * `enum` still refuse null. The description puts it on bare oneOfs (an issue field value; the issue type and
 * milestone in a write), spelt out here as "that, or null", and on enums GitHub does answer null for (an
 * open issue's `state_reason`), which get null added.
 */
function typedNullable(value: unknown): unknown {
  if (!isRecord(value) || value.nullable !== true) return value;
  if (Array.isArray(value.enum) && !value.enum.includes(null)) value.enum = [...value.enum, null];
  if (value.type !== undefined) return value;
  const schema = { ...value };
  delete schema.nullable;
  return { anyOf: [schema, { type: 'null' }] };
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
