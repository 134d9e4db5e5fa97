import type { Crm } from '@gongfu/core';

/** What one request carries from the call-context middleware to its handler. */
export interface ApiEnv {
  Variables: {
    /** The acting user's id, from the app's `authenticate` hook. */
    actor: string;
    /** The service as seen by this call: `crm.with({ locale, idempotencyKey })`. */
    crm: Crm;
    /** True when the expected version came from `If-Match` (a stale one answers 412). */
    versionFromIfMatch: boolean;
    /** The locale negotiated from `Accept-Language`; undefined keeps the service default. */
    locale: string | undefined;
  };
}
