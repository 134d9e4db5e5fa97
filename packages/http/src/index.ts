// The published API of @gongfu/http: mount the service over HTTP.
export type { CrmApiOptions } from './api-options.js';
export { type CrmApi, createCrmApi } from './create-crm-api.js';
export type { HttpProblemCode } from './errors/http-problem.js';
export { HTTP_PROBLEM_CODES } from './errors/http-problem.js';
export { PROBLEM_BASE, type Problem } from './errors/problem.js';
export type { EventFeed } from './events/event-feed.js';
export type { ApiEnv } from './http/api-env.js';
export type { Collection } from './http/collection.js';
export type { ResponseName, ResponseRecords } from './routes/response-records.js';
export type { Area, HttpMethod, ResponseKind, RouteSpec, RouteTable } from './routes/route-spec.js';
export { type ResolvedRoute, ROUTE_TABLE, resolveRoutes } from './routes/route-table.js';
