import { type CallOptions, type Crm, message } from '@gongfu/core';
import type { MiddlewareHandler } from 'hono';
import type { CrmApiOptions } from '../api-options.js';
import { HttpProblemError } from '../errors/http-problem.js';
import type { ApiEnv } from './api-env.js';
import { negotiateLocale } from './locale.js';

/** Visible ASCII, as in the IETF idempotency-key draft: no spaces, no control characters. */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * Before every route: who is calling (401 without), and the call's view of the service —
 * `Accept-Language` as its locale, `Idempotency-Key` (on a write) as its idempotency key.
 */
export function callContext(crm: Crm, options: CrmApiOptions): MiddlewareHandler<ApiEnv> {
  // The service's own locales, app-added ones included, unless the app narrows or orders them.
  const locales = options.locales ?? crm.locales;
  return async (c, next) => {
    // The locale first, so that even a 401 answers in the caller's language.
    const locale = negotiateLocale(c.req.header('accept-language'), locales);
    c.set('locale', locale);
    const actor = await options.authenticate(c.req.raw);
    if (typeof actor !== 'string' || actor === '') {
      throw new HttpProblemError('UNAUTHENTICATED', message('http.detail.unauthenticated'));
    }
    const call: CallOptions = {};
    if (locale !== undefined) call.locale = locale;
    const key = c.req.header('idempotency-key');
    if (key !== undefined && c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      if (!IDEMPOTENCY_KEY.test(key)) {
        throw new HttpProblemError('BAD_HEADER', message('http.detail.idempotencyKey'));
      }
      call.idempotencyKey = key;
    }
    c.set('actor', actor);
    c.set('versionFromIfMatch', false);
    c.set('crm', Object.keys(call).length === 0 ? crm : crm.with(call));
    await next();
    if (locale !== undefined) c.header('Content-Language', locale);
  };
}
