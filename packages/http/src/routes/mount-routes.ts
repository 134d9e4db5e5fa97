import type { Hono } from 'hono';
import type { ApiEnv } from '../http/api-env.js';
import { routeInput } from './route-input.js';
import { type LocationOf, respond } from './route-response.js';
import { honoPath, type ResolvedRoute } from './route-table.js';

type Member = (...args: unknown[]) => unknown;

/**
 * Every route of the table as one generic handler: read the input, call the member on the call's
 * view of the service as the authenticated actor, answer by the response kind. Errors propagate to
 * the API's error handler, which renders them as problems.
 */
export function mountRoutes(app: Hono<ApiEnv>, routes: readonly ResolvedRoute[], maxBodyBytes: number): void {
  const locationOf = locations(routes);
  for (const route of routes) {
    const { spec } = route;
    app.on(spec.method.toUpperCase(), honoPath(route.path), async (c) => {
      const input = await routeInput(c, spec, maxBodyBytes);
      const params = c.req.param() as Record<string, string>;
      const area = c.var.crm[route.area] as unknown as Record<string, Member>;
      const result = await (spec.call
        ? spec.call(area as never, c.var.actor, params, input)
        : area[route.verb]!.call(area, c.var.actor, ...spec.args(params, input)));
      return respond(c, route, result, input, locationOf);
    });
  }
}

/** A created record's `Location`: its area's `get` route, with the record's own key filled in. */
function locations(routes: readonly ResolvedRoute[]): LocationOf {
  const getters = new Map(routes.filter((r) => r.verb === 'get').map((r) => [r.area, r.path]));
  return (route, result) => {
    const template = getters.get(route.area);
    if (!template || typeof result !== 'object' || result === null) return undefined;
    let missing = false;
    const path = template.replace(/\{(\w+)\}/g, (_, key: string) => {
      const value = (result as Record<string, unknown>)[key];
      if (typeof value !== 'string') missing = true;
      return encodeURIComponent(String(value));
    });
    return missing ? undefined : path;
  };
}
