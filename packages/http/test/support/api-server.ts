import type { AddressInfo } from 'node:net';
import type { Crm, CrmStorage } from '@gongfu/core';
import { openWorld, type ServiceWorld } from '@gongfu/service-suites';
import { serve } from '@hono/node-server';
import { type CrmApiOptions, createCrmApi } from '../../src/index.js';

/** A caller's view of one response: status, headers and the parsed body. */
// biome-ignore lint/suspicious/noExplicitAny: a test reads response bodies field by field, as a client would
export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface CallOptions {
  /** The user id the test app's `authenticate` reads from `x-user`; omitted = nobody. */
  as?: string;
  body?: unknown;
  /** A raw body, sent as is (for malformed JSON). */
  raw?: string;
  headers?: Record<string, string>;
}

/** The story's tenant behind a real listening server on an ephemeral port. */
export interface ApiWorld extends ServiceWorld {
  /** `http://127.0.0.1:<port>` + the base path. */
  url: string;
  // biome-ignore lint/suspicious/noExplicitAny: see Reply
  call<T = any>(method: string, path: string, options?: CallOptions): Promise<Reply<T>>;
  close(): Promise<void>;
}

/**
 * A new tenant with the story's people on `storage`, and the API over it on node-server at an
 * ephemeral port; the test app's `authenticate` takes the user id from the `x-user` header.
 */
export async function openApiWorld(
  storage: CrmStorage,
  options: Partial<CrmApiOptions> = {},
  wrap: (crm: Crm) => Crm = (crm) => crm,
): Promise<ApiWorld> {
  const world = await openWorld(storage);
  const api = createCrmApi(wrap(world.crm), {
    authenticate: (req) => req.headers.get('x-user'),
    ...options,
  });
  const server = serve({ fetch: api.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}${options.basePath ?? ''}`;
  return {
    ...world,
    url,
    async call(method, path, o = {}) {
      const headers: Record<string, string> = { ...o.headers };
      if (o.as) headers['x-user'] = o.as;
      let body: string | undefined = o.raw;
      if (o.body !== undefined) {
        body = JSON.stringify(o.body);
        headers['content-type'] ??= 'application/json';
      }
      const res = await fetch(`${url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
      const text = await res.text();
      const type = res.headers.get('content-type') ?? '';
      return {
        status: res.status,
        headers: res.headers,
        body: type.includes('json') && text ? JSON.parse(text) : text,
      };
    },
    async close() {
      // Open keep-alive sockets (a streaming response) would hold close() forever.
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve())));
    },
  };
}
