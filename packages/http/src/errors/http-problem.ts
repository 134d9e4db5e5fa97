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
const HTTP_PROBLEMS: Record<HttpProblemCode, { slug: string; title: string; status: number }> = {
  UNAUTHENTICATED: { slug: 'unauthenticated', title: 'Who is calling?', status: 401 },
  MALFORMED_BODY: { slug: 'malformed-body', title: 'The body is not JSON', status: 400 },
  UNSUPPORTED_MEDIA_TYPE: { slug: 'unsupported-media-type', title: 'Send the body as JSON', status: 415 },
  BODY_TOO_LARGE: { slug: 'body-too-large', title: 'The body is too large', status: 413 },
  BAD_HEADER: { slug: 'bad-header', title: 'A request header is not usable here', status: 400 },
  ROUTE_NOT_FOUND: { slug: 'route-not-found', title: 'No such route', status: 404 },
  INTERNAL: { slug: 'internal', title: 'The service failed', status: 500 },
};

/** The problem for an HTTP-level failure; `detail` says what to fix. */
export function httpProblem(code: HttpProblemCode, instance: string, detail: string): Problem {
  const { slug, title, status } = HTTP_PROBLEMS[code];
  return { type: `${PROBLEM_BASE}${slug}`, title, status, detail, instance, code };
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
