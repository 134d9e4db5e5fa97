import type { CrmError, FieldIssue, Message } from '@gongfu/core';
import { isCrmError } from '@gongfu/core';
import { match } from 'ts-pattern';
import { type HttpMessageKey, say } from './http-messages.js';

/** Where the problem types are documented; each `type` is this base plus a slug. */
export const PROBLEM_BASE = 'https://gongfu.dev/problems/';

/**
 * An RFC 9457 problem: `type`, `title`, `status`, `detail`, `instance`, plus Gongfu's own members —
 * `code` (the `CrmError` code, or an HTTP-level one) and the data the error carries.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  /** The `CrmError` code (`VALIDATION` …), or an HTTP-level code such as `UNAUTHENTICATED`. */
  code: string;
  [member: string]: unknown;
}

/** What the request said that changes how an error reads. */
export interface ProblemContext {
  /** The expected version came from an `If-Match` header: a stale one is 412, not 409. */
  versionFromIfMatch: boolean;
  /** The request path, as the problem's `instance`. */
  instance: string;
  /** The call's locale, for the title (the detail is the error's own text). */
  locale: string | undefined;
}

/** A message as the members a client branches on: the stable key and its parameters. */
const keyed = (prefix: string, m: Message | null | undefined) =>
  m ? { [`${prefix}Key`]: m.key, [`${prefix}Params`]: m.params } : {};

const issue = (i: FieldIssue) => ({ field: i.field, message: i.message, ...keyed('message', i.detail) });

/**
 * The one mapping from typed errors to HTTP, exhaustive over the error codes: a code added to core
 * is a compile error here until it has a status.
 */
export function problemOf(e: CrmError, ctx: ProblemContext): Problem {
  const title = (key: HttpMessageKey) => say({ key, params: {} }, ctx.locale);
  const base = { detail: e.message, instance: ctx.instance, code: e.code };
  return match(e.code)
    .with('VALIDATION', () => ({
      ...base,
      type: `${PROBLEM_BASE}validation`,
      title: title('http.title.validation'),
      status: 422,
      errors: isCrmError(e, 'VALIDATION') ? e.issues.map(issue) : [],
    }))
    .with('NOT_FOUND', () => ({
      // The same answer for a record that is missing and one the caller may not see.
      ...base,
      type: `${PROBLEM_BASE}not-found`,
      title: title('http.title.notFound'),
      status: 404,
      ...(isCrmError(e, 'NOT_FOUND') ? { entity: e.entity, id: e.id } : {}),
    }))
    .with('PERMISSION_DENIED', () => ({
      ...base,
      type: `${PROBLEM_BASE}permission-denied`,
      title: title('http.title.permissionDenied'),
      status: 403,
      ...(isCrmError(e, 'PERMISSION_DENIED') ? { action: e.action, reason: e.reason } : {}),
    }))
    .with('INVALID_TRANSITION', () => ({
      ...base,
      type: `${PROBLEM_BASE}transition-refused`,
      title: title('http.title.transitionRefused'),
      status: 409,
      ...(isCrmError(e, 'INVALID_TRANSITION')
        ? { from: e.from, event: e.event, reason: e.reason, ...keyed('reason', e.reasonDetail) }
        : {}),
    }))
    .with('CONCURRENCY', () => ({
      ...base,
      type: `${PROBLEM_BASE}${ctx.versionFromIfMatch ? 'precondition-failed' : 'version-conflict'}`,
      title: title('http.title.versionConflict'),
      status: ctx.versionFromIfMatch ? 412 : 409,
      ...(isCrmError(e, 'CONCURRENCY')
        ? { entity: e.entity, id: e.id, expected: e.expected, actual: e.actual }
        : {}),
    }))
    .with('CONFLICT', () => ({
      ...base,
      type: `${PROBLEM_BASE}conflict`,
      title: title('http.title.conflict'),
      status: 409,
      ...(isCrmError(e, 'CONFLICT') ? { entity: e.entity, ...keyed('message', e.detail) } : {}),
    }))
    .with('STORAGE', () => ({
      // Never the driver's text: it can name tables, constraints and connection details.
      type: `${PROBLEM_BASE}storage`,
      title: title('http.title.storage'),
      status: 500,
      instance: ctx.instance,
      code: e.code,
    }))
    .exhaustive();
}
