import { message } from '@gongfu/core';
import type { Context } from 'hono';
import { HttpProblemError } from '../errors/http-problem.js';
import type { ApiEnv } from '../http/api-env.js';
import { slicePageQuery } from '../http/collection.js';
import { jsonBody } from '../http/json-body.js';
import { queryInput } from '../http/query-input.js';
import { ifMatchVersion } from '../http/versions.js';
import { propertiesOf } from '../openapi/json-schema.js';
import type { RouteSpec } from './route-spec.js';

/** The schema a route's query string is read against; whole lists take `?cursor=&limit=`. */
export function querySchemaOf(spec: RouteSpec) {
  return spec.query ?? (spec.response.kind === 'list' && !spec.body ? slicePageQuery : undefined);
}

/** Whether `If-Match` can become this route's `expectedVersion`. */
export function acceptsIfMatch(spec: RouteSpec): boolean {
  const schema = spec.body ?? spec.query;
  return schema !== undefined && 'expectedVersion' in propertiesOf(schema);
}

/**
 * The input a route hands its member: the JSON body or the decoded query string, with the version
 * from `If-Match` as `expectedVersion`. Validation is the command's own, with the same schema.
 */
export async function routeInput(
  c: Context<ApiEnv>,
  spec: RouteSpec,
  maxBodyBytes: number,
): Promise<unknown> {
  const input = spec.body
    ? await jsonBody(c.req.raw, maxBodyBytes)
    : queryInput(new URL(c.req.url).searchParams, querySchemaOf(spec));
  const version = ifMatchVersion(c.req.header('if-match'));
  if (version === undefined) return input;
  if (!acceptsIfMatch(spec)) {
    throw new HttpProblemError('BAD_HEADER', message('http.detail.ifMatchUnsupported'));
  }
  if (input !== undefined && (typeof input !== 'object' || input === null || Array.isArray(input)))
    return input;
  const given = (input as { expectedVersion?: unknown } | undefined)?.expectedVersion;
  if (given !== undefined && given !== version) {
    throw new HttpProblemError(
      'BAD_HEADER',
      message('http.detail.ifMatchDisagrees', { header: version, body: String(given) }),
    );
  }
  c.set('versionFromIfMatch', true);
  return { ...(input as object | undefined), expectedVersion: version };
}
