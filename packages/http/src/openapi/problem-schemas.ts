import type { JsonSchema } from './json-schema.js';

/** RFC 9457 problem details with Gongfu's members, as `components.schemas.Problem`. */
export const PROBLEM_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'code'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: {
      type: 'string',
      description: 'The CrmError code (VALIDATION, NOT_FOUND, …) or an HTTP-level one (UNAUTHENTICATED, …).',
    },
    errors: {
      description: 'Validation (422): every offending field, by dotted path.',
      type: 'array',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: {
          field: { type: 'string' },
          message: { type: 'string' },
          messageKey: { type: 'string' },
          messageParams: { type: 'object' },
        },
      },
    },
    entity: { type: 'string' },
    id: { type: 'string' },
    expected: { type: 'integer', description: 'Version conflict (409/412): the version the caller had.' },
    actual: { type: ['integer', 'null'], description: 'Version conflict (409/412): the stored version.' },
    from: { type: 'string', description: 'Transition refused (409): the state the record is in.' },
    event: { type: 'string', description: 'Transition refused (409): the move that was asked for.' },
    reason: { type: 'string', description: 'Why the move or the action was refused.' },
    reasonKey: { type: 'string', description: 'The refusal as a stable message key, when it has one.' },
    reasonParams: { type: 'object' },
    action: { type: 'string', description: 'Permission denied (403): what was not allowed.' },
  },
};

/** The problem responses every operation may give, by status. */
export const PROBLEM_RESPONSES: Record<string, string> = {
  '400': 'The body is not JSON, or a header (If-Match, Idempotency-Key) is not usable',
  '401': 'No signed-in user (the app’s authenticate hook returned null, or an id that is no user here)',
  '403': 'The user may see the record but not do this',
  '404': 'No such record — or one the user may not see: the two are indistinguishable',
  '409':
    'A rule was broken: the move is refused (with the reason), a version conflict (expected/actual), or a uniqueness conflict',
  '412': 'The If-Match version is stale (expected/actual)',
  '413': 'The body is too large',
  '415': 'The body is not sent as application/json',
  '422': 'The input is not valid: every offending field, by path',
  '500': 'The service failed; nothing about the internals is said',
};
