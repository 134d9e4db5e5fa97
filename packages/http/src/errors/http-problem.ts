import type { Message } from '@gongfu/core';
import { type HttpMessageKey, say } from './http-messages.js';
import { PROBLEM_BASE, type Problem } from './problem.js';

/** Problems the HTTP layer raises itself, before or around a command. */
export const HTTP_PROBLEM_CODES = [
  'UNAUTHENTICATED',
  'MALFORMED_BODY',
  'UNSUPPORTED_MEDIA_TYPE',
  'BODY_TOO_LARGE',
  'BAD_HEADER',
  'ROUTE_NOT_FOUND',
  'INTERNAL',
] as const;
export type HttpProblemCode = (typeof HTTP_PROBLEM_CODES)[number];

/** Every HTTP-level code's slug, title and status; a code without a row does not compile. */
const HTTP_PROBLEMS: Record<HttpProblemCode, { slug: string; title: HttpMessageKey; status: number }> = {
  UNAUTHENTICATED: { slug: 'unauthenticated', title: 'http.title.unauthenticated', status: 401 },
  MALFORMED_BODY: { slug: 'malformed-body', title: 'http.title.malformedBody', status: 400 },
  UNSUPPORTED_MEDIA_TYPE: {
    slug: 'unsupported-media-type',
    title: 'http.title.unsupportedMediaType',
    status: 415,
  },
  BODY_TOO_LARGE: { slug: 'body-too-large', title: 'http.title.bodyTooLarge', status: 413 },
  BAD_HEADER: { slug: 'bad-header', title: 'http.title.badHeader', status: 400 },
  ROUTE_NOT_FOUND: { slug: 'route-not-found', title: 'http.title.routeNotFound', status: 404 },
  INTERNAL: { slug: 'internal', title: 'http.title.internal', status: 500 },
};

/**
 * The problem for an HTTP-level failure, in the call's locale; `detail` says what to fix, and
 * `detailKey`/`detailParams` give the same as a message for an app that words it itself.
 */
export function httpProblem(
  code: HttpProblemCode,
  instance: string,
  detail: Message,
  locale: string | undefined,
): Problem {
  const { slug, title, status } = HTTP_PROBLEMS[code];
  return {
    type: `${PROBLEM_BASE}${slug}`,
    title: say({ key: title, params: {} }, locale),
    status,
    detail: say(detail, locale),
    instance,
    code,
    detailKey: detail.key,
    detailParams: detail.params,
  };
}

/** An `application/problem+json` response. */
export function problemResponse(problem: Problem, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers },
  });
}

/** Thrown inside a handler for an HTTP-level failure; the error handler renders it. */
export class HttpProblemError extends Error {
  readonly problemCode: HttpProblemCode;
  readonly detail: Message;
  constructor(code: HttpProblemCode, detail: Message) {
    super(say(detail, 'en'));
    this.name = 'HttpProblemError';
    this.problemCode = code;
    this.detail = detail;
  }
}
