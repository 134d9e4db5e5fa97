import type { Crm } from '@gongfu/core';
import type { z } from 'zod';
import type { ResponseName, ResponseRecords } from './response-records.js';

/**
 * The members of `Crm` that are not business areas: identity, ports and the views; and the change
 * feed, served as Server-Sent Events at `GET /events` (events/sse-route.ts) rather than as JSON.
 */
export type NotAnArea =
  | 'events'
  | 'system'
  | 'tenantId'
  | 'timeZone'
  | 'storage'
  | 'clock'
  | 'forTenant'
  | 'with'
  | 'runAs'
  | 'locale'
  | 'locales'
  | 'say'
  | 'localize';

/** Every business area of the service; a new one is routed or the route table does not compile. */
export type Area = Exclude<keyof Crm, NotAnArea>;

export type HttpMethod = 'get' | 'post' | 'patch' | 'delete';

/**
 * How a route answers. `record`: one stored record, its version as `ETag`; `value`: a result that
 * is not one record; `page`: a core `Page`, passed through with a `next` link; `list`: an array,
 * paged here by cursor so that every collection reads the same; `optional`: a value or 404.
 */
export type ResponseKind = 'record' | 'value' | 'page' | 'list' | 'nullable' | 'optional';

/** A route's documented response. `T` is the type it promises, checked against the `Crm` member. */
export interface ResponseShape<T> {
  readonly kind: ResponseKind;
  readonly schema: ResponseName;
  /** Type-only: the result this shape documents. */
  readonly type?: T;
}

/** The path parameters of a route, by name. */
export type PathParams = Readonly<Record<string, string>>;

/**
 * One route: where it lives, what it reads, how its input becomes the member's arguments, and what
 * it answers. Nothing here is HTTP plumbing; `mount-routes.ts` turns every spec into a handler the
 * same way.
 */
export interface RouteSpec<T = unknown> {
  readonly method: HttpMethod;
  /** Under the area's base path, OpenAPI style (`/{id}/quote`); `:verb` stands for the kebab verb. */
  readonly path: string;
  /** The JSON body, validated by the command itself with this very schema. */
  readonly body?: z.ZodType;
  /** The query string, decoded against this schema's shape, then validated by the command. */
  readonly query?: z.ZodType;
  readonly status: 200 | 201;
  readonly response: ResponseShape<T>;
  /** The member's arguments after the actor. */
  readonly args: (params: PathParams, input: unknown) => readonly unknown[];
  /** For a member that does not take the actor first (`opportunities.stageInfo`). */
  readonly call?: (area: never, actor: string, params: PathParams, input: unknown) => unknown;
}

/** What a member of an area resolves to. */
export type ResultOf<F> = F extends (...args: never[]) => infer R ? Awaited<R> : never;

/** The route table: one spec for every member of every area, or a compile error. */
export type RouteTable = {
  readonly [A in Area]: {
    readonly base: string;
    readonly routes: { readonly [V in keyof Crm[A]]-?: RouteSpec<ResultOf<Crm[A][V]>> };
  };
};

/** The shapes by kind, typed with what they promise. */
export const shape = {
  record: <N extends ResponseName>(schema: N): ResponseShape<ResponseRecords[N]> => ({
    kind: 'record',
    schema,
  }),
  value: <N extends ResponseName>(schema: N): ResponseShape<ResponseRecords[N]> => ({
    kind: 'value',
    schema,
  }),
  page: <N extends ResponseName>(
    schema: N,
  ): ResponseShape<{ items: ResponseRecords[N][]; nextCursor: string | null }> => ({
    kind: 'page',
    schema,
  }),
  list: <N extends ResponseName>(schema: N): ResponseShape<ResponseRecords[N][]> => ({
    kind: 'list',
    schema,
  }),
  nullable: <N extends ResponseName>(schema: N): ResponseShape<ResponseRecords[N] | null> => ({
    kind: 'nullable',
    schema,
  }),
  optional: <N extends ResponseName>(schema: N): ResponseShape<ResponseRecords[N] | undefined> => ({
    kind: 'optional',
    schema,
  }),
};
