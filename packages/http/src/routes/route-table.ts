import { kebab } from './route-builders.js';
import type { Area, RouteSpec, RouteTable } from './route-spec.js';
import { salesRoutes } from './sales-routes.js';
import { workRoutes } from './work-routes.js';

const { leads, opportunities, orders, serviceCases } = salesRoutes;
const {
  users,
  products,
  accounts,
  contacts,
  activities,
  demoLoans,
  costs,
  quotas,
  search,
  ownership,
  reminders,
  history,
  duplicates,
  access,
  config,
} = workRoutes;

/**
 * Every member of every area of `Crm`, as a route, in the order `Crm` lists the areas. A member
 * without a route does not compile.
 */
export const ROUTE_TABLE: RouteTable = {
  users,
  products,
  accounts,
  contacts,
  leads,
  opportunities,
  orders,
  serviceCases,
  activities,
  demoLoans,
  costs,
  quotas,
  search,
  ownership,
  reminders,
  history,
  duplicates,
  access,
  config,
};

/** One route, resolved: the member it calls and its full OpenAPI-style path. */
export interface ResolvedRoute {
  readonly area: Area;
  readonly verb: string;
  /** `<area>.<verb>`, the operationId. */
  readonly operationId: string;
  /** Full path from the API root, OpenAPI style: `/leads/{id}/log-contact`. */
  readonly path: string;
  readonly spec: RouteSpec;
  /** Position in the table, for listing routes as the table reads. */
  readonly order: number;
}

/**
 * The table as a flat list, static paths before parameterised ones so that `/leads/last-quote`
 * is never taken for the lead with id `last-quote`.
 */
export function resolveRoutes(table: RouteTable = ROUTE_TABLE): ResolvedRoute[] {
  const out: ResolvedRoute[] = [];
  for (const area of Object.keys(table) as Area[]) {
    const { base, routes } = table[area];
    for (const [verb, spec] of Object.entries(routes) as [string, RouteSpec][]) {
      out.push({
        area,
        verb,
        operationId: `${area}.${verb}`,
        path: `${base}${spec.path.replace(':verb', kebab(verb))}`,
        spec,
        order: out.length,
      });
    }
  }
  return out.sort((a, b) => staticness(b.path) - staticness(a.path));
}

/** How many leading segments are literal: more literal first. */
function staticness(path: string): number {
  const segments = path.split('/').filter(Boolean);
  const firstParam = segments.findIndex((s) => s.startsWith('{'));
  return firstParam === -1 ? segments.length + 100 : firstParam;
}

/** `/leads/{id}` → `/leads/:id`: the table speaks OpenAPI, the router speaks Hono. */
export const honoPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');
