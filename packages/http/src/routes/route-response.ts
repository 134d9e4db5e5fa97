import { NotFoundError } from '@gongfu/core';
import type { Context } from 'hono';
import { match } from 'ts-pattern';
import type { ApiEnv } from '../http/api-env.js';
import { type Collection, nextLink, slicePage } from '../http/collection.js';
import { etagOf, noneMatchHits, versionOf } from '../http/versions.js';
import { propertiesOf } from '../openapi/json-schema.js';
import { honoPath, type ResolvedRoute } from './route-table.js';

/** Where a new record can be read, from the API root: its area's `get` route, filled from the record. */
export type LocationOf = (route: ResolvedRoute, result: unknown) => string | undefined;

/** The HTTP answer for a member's result, by the route's response kind. */
export function respond(
  c: Context<ApiEnv>,
  route: ResolvedRoute,
  result: unknown,
  input: unknown,
  locationOf: LocationOf,
): Response {
  const { spec } = route;
  const url = new URL(c.req.url);
  const collection = <T>(page: { items: T[]; nextCursor: string | null }): Collection<T> => {
    const next = nextLink(url, page.nextCursor);
    if (next) c.header('Link', `<${next}>; rel="next"`);
    return { items: page.items, nextCursor: page.nextCursor, next };
  };
  return match(spec.response.kind)
    .with('record', () => {
      const version = versionOf(result);
      if (version !== null) {
        const etag = etagOf(version);
        c.header('ETag', etag);
        if (spec.method === 'get' && noneMatchHits(c.req.header('if-none-match'), etag)) {
          return c.body(null, 304);
        }
      }
      const location = spec.status === 201 ? locationOf(route, result) : undefined;
      if (location) c.header('Location', `${mountPrefix(c, route)}${location}`);
      return c.json(result, spec.status);
    })
    .with('page', () => c.json(collection(result as { items: unknown[]; nextCursor: string | null })))
    .with('list', () => {
      const all = result as unknown[];
      // A read whose own query has a limit returned exactly what was asked: one page.
      const ownLimit = spec.query !== undefined && 'limit' in propertiesOf(spec.query);
      return c.json(
        collection(ownLimit ? { items: all, nextCursor: null } : slicePage(all, input)),
        spec.status,
      );
    })
    .with('optional', () => {
      if (result === undefined)
        throw new NotFoundError(spec.response.schema, Object.values(c.req.param()).join('/'));
      return c.json(result as object, spec.status);
    })
    .with('value', 'nullable', () => c.json(result as object | null, spec.status))
    .exhaustive();
}

/** Where the API is mounted (`/api`, or '' at the root): the matched pattern less the route's own. */
function mountPrefix(c: Context<ApiEnv>, route: ResolvedRoute): string {
  const pattern = c.req.routePath;
  const own = honoPath(route.path);
  return pattern.endsWith(own) ? pattern.slice(0, pattern.length - own.length) : '';
}
