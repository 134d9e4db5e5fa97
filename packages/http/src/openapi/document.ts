import type { z } from 'zod';
import { eventsQuery } from '../events/sse-route.js';
import { acceptsIfMatch, querySchemaOf } from '../routes/route-input.js';
import type { ResponseShape } from '../routes/route-spec.js';
import type { ResolvedRoute } from '../routes/route-table.js';
import { inputJsonSchema, type JsonSchema, propertiesOf } from './json-schema.js';
import OPERATION_DOCS from './operation-docs.json';
import { PROBLEM_RESPONSES, PROBLEM_SCHEMA } from './problem-schemas.js';
import RECORD_SCHEMAS from './record-schemas.json';

export interface DocumentOptions {
  info?: { title?: string; version?: string; description?: string };
  /** Where the API is served, as the document's only server (e.g. `/api`). */
  serverUrl: string;
  /** Whether `GET /events` is served. */
  events: boolean;
}

const docs: Record<string, { summary: string; description: string } | undefined> = OPERATION_DOCS;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problemRef = (status: string) => ({ $ref: `#/components/responses/Problem${status}` });

/**
 * The OpenAPI 3.1 document of the API, generated from the route table: request bodies and query
 * parameters from the very zod schemas the commands validate with, responses from the types the
 * members return.
 */
export function openApiDocument(routes: readonly ResolvedRoute[], options: DocumentOptions): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  // In the table's order (areas as `Crm` lists them), not the router's literal-first order.
  for (const route of [...routes].sort((a, b) => a.order - b.order)) {
    paths[route.path] = { ...paths[route.path], [route.spec.method]: operation(route) };
  }
  if (options.events) paths['/events'] = { get: eventsOperation() };
  return {
    openapi: '3.1.0',
    info: {
      title: options.info?.title ?? 'Gongfu CRM API',
      version: options.info?.version ?? '0.1.0',
      description:
        options.info?.description ??
        'Every command and read of the Gongfu sales service. Errors are RFC 9457 problem details.',
    },
    servers: [{ url: options.serverUrl || '/' }],
    tags: [...new Set(routes.map((r) => r.area))].map((area) => ({
      name: area,
      ...(docs[area] ? { description: docs[area].description } : {}),
    })),
    paths,
    components: {
      schemas: { ...RECORD_SCHEMAS, Problem: PROBLEM_SCHEMA },
      responses: Object.fromEntries(
        Object.entries(PROBLEM_RESPONSES).map(([status, description]) => [
          `Problem${status}`,
          { description, content: { 'application/problem+json': { schema: ref('Problem') } } },
        ]),
      ),
      headers: {
        ETag: {
          description: 'The record’s version as a strong entity tag, e.g. "3"',
          schema: { type: 'string' },
        },
      },
    },
  };
}

function operation(route: ResolvedRoute): Record<string, unknown> {
  const { spec } = route;
  const write = spec.method !== 'get';
  const query = querySchemaOf(spec);
  const parameters: unknown[] = [
    ...[...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
      name: m[1],
      in: 'path',
      required: true,
      schema: { type: 'string' },
    })),
    ...(query ? queryParameters(query) : []),
    { name: 'Accept-Language', in: 'header', schema: { type: 'string' }, description: 'zh-CN or en' },
    ...(write
      ? [
          {
            name: 'Idempotency-Key',
            in: 'header',
            schema: { type: 'string', maxLength: 255 },
            description: 'Resend after a timeout with the same key: the first result, nothing written twice',
          },
        ]
      : []),
    ...(acceptsIfMatch(spec)
      ? [{ name: 'If-Match', in: 'header', schema: { type: 'string' }, description: 'The ETag read: "3"' }]
      : []),
  ];
  const errors = ['400', '401', '403', '404', '409', '422', '500', ...(spec.body ? ['413', '415'] : [])];
  if (acceptsIfMatch(spec)) errors.push('412');
  return {
    operationId: route.operationId,
    tags: [route.area],
    // From the member's TSDoc in core (generated), so the reference reads like the SDK's docs.
    summary: docs[route.operationId]?.summary ?? route.operationId,
    description: `\`crm.${route.operationId}\`. ${docs[route.operationId]?.description ?? ''}`.trim(),
    parameters,
    ...(spec.body ? { requestBody: requestBody(spec.body) } : {}),
    responses: {
      [String(spec.status)]: success(spec.response, spec.status),
      ...Object.fromEntries(errors.sort().map((s) => [s, problemRef(s)])),
    },
  };
}

function queryParameters(schema: z.ZodType): unknown[] {
  const required = new Set((inputJsonSchema(schema).required as string[] | undefined) ?? []);
  return Object.entries(propertiesOf(schema)).map(([name, prop]) => ({
    name,
    in: 'query',
    required: required.has(name),
    schema: prop,
    // A list filter repeats the key: ?status=new&status=working.
    style: 'form',
    explode: true,
  }));
}

function requestBody(schema: z.ZodType): Record<string, unknown> {
  return {
    required: !schema.safeParse(undefined).success,
    content: { 'application/json': { schema: inputJsonSchema(schema) } },
  };
}

function success(shape: ResponseShape<unknown>, status: number): Record<string, unknown> {
  const item = ref(shape.schema);
  const collection = {
    type: 'object',
    required: ['items', 'nextCursor', 'next'],
    properties: {
      items: { type: 'array', items: item },
      nextCursor: { type: ['string', 'null'], description: 'Pass back as ?cursor= for the next page' },
      next: { type: ['string', 'null'], description: 'The next page’s URL (also sent as a Link header)' },
    },
  };
  const schema =
    shape.kind === 'page' || shape.kind === 'list'
      ? collection
      : shape.kind === 'nullable'
        ? { oneOf: [item, { type: 'null' }] }
        : item;
  return {
    description: status === 201 ? 'Created' : 'OK',
    ...(shape.kind === 'record' ? { headers: { ETag: { $ref: '#/components/headers/ETag' } } } : {}),
    content: { 'application/json': { schema } },
  };
}

function eventsOperation(): Record<string, unknown> {
  return {
    operationId: 'events.stream',
    tags: ['events'],
    summary: 'The change feed as Server-Sent Events',
    parameters: [
      ...queryParameters(eventsQuery),
      {
        name: 'Last-Event-ID',
        in: 'header',
        schema: { type: 'string' },
        description: 'Resume after this id',
      },
    ],
    responses: {
      '200': {
        description: 'An event stream',
        content: { 'text/event-stream': { schema: { type: 'string' } } },
      },
      '401': problemRef('401'),
      '422': problemRef('422'),
    },
  };
}
