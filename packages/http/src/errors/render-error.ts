import { type CrmError, isCrmError, message, type NotFoundError } from '@gongfu/core';
import type { Context } from 'hono';
import type { ApiEnv } from '../http/api-env.js';
import { HttpProblemError, httpProblem, problemResponse } from './http-problem.js';
import { problemOf } from './problem.js';

/**
 * Every failure as `application/problem+json`: a `CrmError` by its code, an HTTP-level refusal by
 * its own, anything else (a bug) as a bare 500 that reports to `onUnexpected` and tells the client
 * nothing about the internals.
 */
export function renderError(
  error: unknown,
  c: Context<ApiEnv>,
  options: { challenge: string; onUnexpected: (error: unknown, request: Request) => void },
): Response {
  const instance = new URL(c.req.url).pathname;
  const locale = c.get('locale');
  if (isUnknownActor(error, c.get('actor'))) {
    // The app's authenticate hook named someone who is no user of this workspace: not a missing
    // record of the route (a 404 would say GET /leads does not exist), but no usable sign-in.
    const problem = httpProblem('UNAUTHENTICATED', instance, message('http.detail.unknownUser'), locale);
    return problemResponse(problem, { 'www-authenticate': options.challenge });
  }
  if (isCrmError(error)) {
    return problemResponse(
      problemOf(error, { versionFromIfMatch: c.get('versionFromIfMatch') ?? false, instance, locale }),
    );
  }
  if (error instanceof HttpProblemError) {
    const problem = httpProblem(error.problemCode, instance, error.detail, locale);
    const headers: Record<string, string> =
      error.problemCode === 'UNAUTHENTICATED' ? { 'www-authenticate': options.challenge } : {};
    return problemResponse(problem, headers);
  }
  options.onUnexpected(error, c.req.raw);
  return problemResponse(httpProblem('INTERNAL', instance, message('http.detail.internal'), locale));
}

function isUnknownActor(error: unknown, actor: string | undefined): error is CrmError {
  if (actor === undefined || !isCrmError(error, 'NOT_FOUND')) return false;
  const missing = error as NotFoundError;
  return missing.entity === 'user' && missing.id === actor;
}
