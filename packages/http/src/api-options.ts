import type { EventFeed } from './events/event-feed.js';

/** How an app mounts the API: who is calling, and what else it wants served. */
export interface CrmApiOptions {
  /**
   * The acting user's id for a request — from the app's session, token or proxy header — or null
   * when nobody is signed in (401). Gongfu reloads the user on every command, so a deactivated user
   * is refused by the service whatever this returns.
   * @example
   * ```ts
   * authenticate: async (req) => (await sessions.get(req.headers.get('cookie')))?.userId ?? null
   * ```
   */
  authenticate(request: Request): string | null | undefined | Promise<string | null | undefined>;
  /** Serve every route under this path, e.g. `/api` (default: the root). */
  basePath?: string;
  /**
   * The locales `Accept-Language` is matched against (default `crm.locales`: `zh-CN`, `en` and those
   * the app added to the service's catalogues).
   */
  locales?: readonly string[];
  /** `/openapi.json` and the reference page at `/reference` (default true; they need no sign-in). */
  docs?: boolean;
  /** The document's `info` (title, version, description). */
  info?: { title?: string; version?: string; description?: string };
  /**
   * The change feed behind `GET /events` (Server-Sent Events). Defaults to `crm.events` when the
   * service has one; `false` leaves the route out.
   */
  events?: EventFeed | false;
  /** How often `GET /events` asks the feed again once it has caught up (default 1000 ms). */
  eventsPollMs?: number;
  /** The largest JSON body accepted (default 1 MiB); larger is 413. */
  maxBodyBytes?: number;
  /** The `WWW-Authenticate` challenge sent with a 401 (default `Bearer`). */
  challenge?: string;
  /** Told about an error that is not a `CrmError` (a bug); the client gets a bare 500. Default: console.error. */
  onUnexpectedError?: (error: unknown, request: Request) => void;
}
