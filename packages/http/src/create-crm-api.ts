import { type Crm, message } from '@gongfu/core';
import { Hono } from 'hono';
import type { CrmApiOptions } from './api-options.js';
import { httpProblem, problemResponse } from './errors/http-problem.js';
import { renderError } from './errors/render-error.js';
import { feedOf } from './events/event-feed.js';
import { mountEventStream } from './events/sse-route.js';
import type { ApiEnv } from './http/api-env.js';
import { callContext } from './http/call-context.js';
import { openApiDocument } from './openapi/document.js';
import { mountReferencePage } from './reference/reference-page.js';
import { mountRoutes } from './routes/mount-routes.js';
import { resolveRoutes } from './routes/route-table.js';

/** The API as a Hono app: `.fetch(request)` serves it anywhere a fetch handler runs. */
export type CrmApi = Hono<ApiEnv>;

/**
 * Every command and read of the service over HTTP, with `/openapi.json` and a reference page at
 * `/reference`. The acting user comes from `authenticate`; errors are problem+json.
 * @example
 * ```ts
 * const api = createCrmApi(crm, { authenticate: (req) => req.headers.get('x-user-id') });
 * serve({ fetch: api.fetch, port: 3000 });
 * ```
 */
export function createCrmApi(crm: Crm, options: CrmApiOptions): CrmApi {
  const base = options.basePath ?? '';
  const app = new Hono<ApiEnv>().basePath(base);
  const routes = resolveRoutes();
  const feed = options.events === false ? undefined : (options.events ?? feedOf(crm));
  const challenge = options.challenge ?? 'Bearer';
  const onUnexpected = options.onUnexpectedError ?? ((error: unknown) => console.error(error));

  app.onError((error, c) => renderError(error, c, { challenge, onUnexpected }));
  app.notFound((c) =>
    problemResponse(
      httpProblem(
        'ROUTE_NOT_FOUND',
        new URL(c.req.url).pathname,
        message('http.detail.routeNotFound', { method: c.req.method, path: c.req.path }),
        c.get('locale'),
      ),
    ),
  );

  // The documents are public and come first, so the sign-in below never runs for them.
  if (options.docs !== false) {
    // Built on first request, so mounting the API costs nothing until someone reads the document.
    let document: ReturnType<typeof openApiDocument> | undefined;
    app.get('/openapi.json', (c) => {
      document ??= openApiDocument(routes, { info: options.info ?? {}, serverUrl: base, events: !!feed });
      return c.json(document);
    });
    mountReferencePage(app as unknown as Hono, options.info?.title ?? 'Gongfu CRM API');
  }

  app.use('*', callContext(crm, options));
  if (feed) {
    // The call's own view when the service has the feed (its locale applies); else the app's feed.
    const feedFor = (view: Crm) => (options.events ? feed : (feedOf(view) ?? feed));
    mountEventStream(app, feedFor, options.eventsPollMs ?? 1000);
  }
  mountRoutes(app, routes, options.maxBodyBytes ?? 1024 * 1024);
  return app;
}
