import type { z } from 'zod';
import type { PathParams, ResponseShape, RouteSpec } from './route-spec.js';

// The handful of route shapes every area is made of. `:verb` in a path becomes the member's name in
// kebab case when the table is assembled, so `logContact` is served at `/leads/{id}/log-contact`.

const id = (p: PathParams) => p.id;

/** `POST /area` with a body: a new record, 201 with its `Location`. */
export const create = <T>(body: z.ZodType, response: ResponseShape<T>): RouteSpec<T> => ({
  method: 'post',
  path: '',
  body,
  status: 201,
  response,
  args: (_p, input) => [input],
});

/** `GET /area?filters&cursor&limit`: one page of what the caller may see. */
export const list = <T>(query: z.ZodType | null, response: ResponseShape<T>): RouteSpec<T> => ({
  method: 'get',
  path: '',
  ...(query ? { query } : {}),
  status: 200,
  response,
  args: (_p, input) => (query ? [input] : []),
});

/** `GET /area/{param}`: one record, its version as `ETag`. */
export const get = <T>(response: ResponseShape<T>, param = 'id'): RouteSpec<T> => ({
  method: 'get',
  path: `/{${param}}`,
  status: 200,
  response,
  args: (p) => [p[param]],
});

/** `PATCH /area/{param}` with the changed fields; `If-Match` carries the version read. */
export const update = <T>(body: z.ZodType, response: ResponseShape<T>, param = 'id'): RouteSpec<T> => ({
  method: 'patch',
  path: `/{${param}}`,
  body,
  status: 200,
  response,
  args: (p, input) => [p[param], input],
});

/** `POST /area/{id}/verb`: a command on one record, with a body when the member takes one. */
export const act = <T>(body: z.ZodType | null, response: ResponseShape<T>): RouteSpec<T> => ({
  method: 'post',
  path: '/{id}/:verb',
  ...(body ? { body } : {}),
  status: 200,
  response,
  args: (p, input) => (body ? [id(p), input] : [id(p)]),
});

/** `POST /area/verb` with a body: a command on several records or none in particular. */
export const command = <T>(
  body: z.ZodType,
  response: ResponseShape<T>,
  status: 200 | 201 = 200,
): RouteSpec<T> => ({
  method: 'post',
  path: '/:verb',
  body,
  status,
  response,
  args: (_p, input) => [input],
});

/** `GET /area/verb?query`: a read across the area. */
export const read = <T>(query: z.ZodType, response: ResponseShape<T>): RouteSpec<T> => ({
  method: 'get',
  path: '/:verb',
  query,
  status: 200,
  response,
  args: (_p, input) => [input],
});

/** `GET /area/{id}/verb`: a read about one record. */
export const readOf = <T>(response: ResponseShape<T>): RouteSpec<T> => ({
  method: 'get',
  path: '/{id}/:verb',
  status: 200,
  response,
  args: (p) => [id(p)],
});

/** Kebab case of a member name: `logContact` → `log-contact`. */
export const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** `POST /area/{id}/team`: put someone on a record's team. */
export const addToTeam = <T>(body: z.ZodType, response: ResponseShape<T>): RouteSpec<T> => ({
  ...act(body, response),
  path: '/{id}/team',
});

/** `DELETE /area/{id}/team/{userId}`: take someone off a record's team. */
export const removeFromTeam = <T>(response: ResponseShape<T>): RouteSpec<T> => ({
  method: 'delete',
  path: '/{id}/team/{userId}',
  status: 200,
  response,
  args: (p) => [p.id, p.userId],
});
