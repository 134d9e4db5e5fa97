import { isCrmError, message } from '@gongfu/core';
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
