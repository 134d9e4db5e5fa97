import { match } from 'ts-pattern';
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

/** The problem for an HTTP-level failure; `detail` says what to fix. */
export function httpProblem(code: HttpProblemCode, instance: string, detail: string): Problem {
  const base = { code, instance, detail };
  return match(code)
    .with('UNAUTHENTICATED', () => ({
      ...base,
      type: `${PROBLEM_BASE}unauthenticated`,
      title: 'Who is calling?',
      status: 401,
    }))
    .with('MALFORMED_BODY', () => ({
      ...base,
      type: `${PROBLEM_BASE}malformed-body`,
      title: 'The body is not JSON',
      status: 400,
    }))
    .with('UNSUPPORTED_MEDIA_TYPE', () => ({
      ...base,
      type: `${PROBLEM_BASE}unsupported-media-type`,
      title: 'Send the body as JSON',
      status: 415,
    }))
    .with('BODY_TOO_LARGE', () => ({
      ...base,
      type: `${PROBLEM_BASE}body-too-large`,
      title: 'The body is too large',
      status: 413,
    }))
    .with('BAD_HEADER', () => ({
      ...base,
      type: `${PROBLEM_BASE}bad-header`,
      title: 'A request header is not usable here',
      status: 400,
    }))
    .with('ROUTE_NOT_FOUND', () => ({
      ...base,
      type: `${PROBLEM_BASE}route-not-found`,
      title: 'No such route',
      status: 404,
    }))
    .with('INTERNAL', () => ({
      ...base,
      type: `${PROBLEM_BASE}internal`,
      title: 'The service failed',
      status: 500,
    }))
    .exhaustive();
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
  constructor(code: HttpProblemCode, detail: string) {
    super(detail);
    this.name = 'HttpProblemError';
    this.problemCode = code;
  }
}
