import { message } from '@gongfu/core';
import { HttpProblemError } from '../errors/http-problem.js';

const JSON_TYPE = /^application\/([\w.+-]*\+)?json\s*(;|$)/i;

/**
 * The request body as JSON, or undefined when there is none (a command whose input is optional).
 * Not JSON is a typed 400 (`MALFORMED_BODY`), another media type 415, an oversized body 413 — never
 * a command run on half a body.
 */
export async function jsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const text = await request.text();
  if (text.trim() === '') return undefined;
  if (new TextEncoder().encode(text).length > maxBytes) throw tooLarge(maxBytes);
  const type = request.headers.get('content-type');
  if (type !== null && !JSON_TYPE.test(type)) {
    throw new HttpProblemError(
      'UNSUPPORTED_MEDIA_TYPE',
      message('http.detail.unsupportedMediaType', { type }),
    );
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new HttpProblemError(
      'MALFORMED_BODY',
      message('http.detail.malformedBody', { error: (e as Error).message }),
    );
  }
}

const tooLarge = (maxBytes: number) =>
  new HttpProblemError('BODY_TOO_LARGE', message('http.detail.bodyTooLarge', { max: maxBytes }));
