import { entityName, KERNEL_MESSAGES } from './kernel-messages.js';
import {
  isMessage,
  type Locale,
  type Message,
  type MessageCatalogues,
  message as msg,
  renderBuiltIn,
  renderMessage,
  type Text,
} from './message.js';

void KERNEL_MESSAGES;

/**
 * One error type for the whole SDK. Callers branch on `code` (via `isCrmError`), never on
 * `instanceof`, because an app can end up with two copies of this package (ESM and CJS).
 */
export const ERROR_CODES = {
  VALIDATION: 'VALIDATION',
  NOT_FOUND: 'NOT_FOUND',
  PERMISSION_DENIED: 'PERMISSION_DENIED',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  CONCURRENCY: 'CONCURRENCY',
  CONFLICT: 'CONFLICT',
  STORAGE: 'STORAGE',
} as const;

export type CrmErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

const BRAND = Symbol.for('gongfu.CrmError');

export class CrmError extends Error {
  readonly code: CrmErrorCode;
  readonly [BRAND] = true;
  /**
   * The sentence as a key with parameters, when the error has one: what an app translates or
   * branches on. `message` is its rendering (English until the service renders it in the call's
   * locale).
   */
  readonly detail: Message | null;

  constructor(code: CrmErrorCode, message: Text, options?: { cause?: unknown }) {
    super(typeof message === 'string' ? message : renderBuiltIn(message), options);
    this.code = code;
    this.name = 'CrmError';
    this.detail = typeof message === 'string' ? null : message;
  }

  /**
   * Re-render the human-readable texts in a locale; the code, data and detail stay as they are. The
   * service calls it with the call's locale before an error leaves a command.
   */
  localize(locale: Locale, catalogues: MessageCatalogues): this {
    if (this.detail) this.message = renderMessage(this.detail, locale, catalogues);
    return this;
  }
}

/** Sets a readonly text member when the error is rendered in another locale. */
const rewrite = <T extends object>(target: T, member: keyof T, value: unknown): void => {
  (target as Record<keyof T, unknown>)[member] = value;
};

/** English text of a sentence given as text or as a message. */
const english = (text: Text): string => (typeof text === 'string' ? text : renderBuiltIn(text));
/** A message parameter from a sentence given as text or as a message. */
const param = (text: Text): string | Message => text;

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `interests.0.quantity`. */
  field: string;
  message: string;
  /** The message as a key with parameters, when it has one. */
  detail?: Message;
}

/** A field's problem given as a message: its English text now, its key for any other locale. */
export function fieldIssue(field: string, detail: Message): FieldIssue {
  return { field, message: renderBuiltIn(detail), detail };
}

export class ValidationError extends CrmError {
  readonly issues: readonly FieldIssue[];
  /** The first offending field, for the common single-field case. */
  readonly field: string;

  constructor(issues: readonly FieldIssue[], options?: { cause?: unknown }) {
    const first = issues[0] ?? NO_ISSUE;
    super(ERROR_CODES.VALIDATION, issueMessage(first), options);
    this.name = 'ValidationError';
    this.issues = issues;
    this.field = first.field;
  }

  override localize(locale: Locale, catalogues: MessageCatalogues): this {
    const issues = this.issues.map((i) =>
      i.detail ? { ...i, message: renderMessage(i.detail, locale, catalogues) } : i,
    );
    rewrite(this, 'issues', issues);
    rewrite(this, 'detail', issueMessage(issues[0] ?? NO_ISSUE));
    return super.localize(locale, catalogues);
  }
}

/** What a ValidationError built without issues (a programming slip) says. */
const NO_ISSUE: FieldIssue = { field: '', message: 'is invalid', detail: msg('input.invalid') };

/** The error's own sentence: the first offending field and what is wrong with it. */
function issueMessage(first: FieldIssue): Message {
  return msg('error.validation', { field: first.field || 'input', problem: first.detail ?? first.message });
}

export class NotFoundError extends CrmError {
  readonly entity: string;
  readonly id: string;

  constructor(entity: string, id: string) {
    super(ERROR_CODES.NOT_FOUND, msg('error.notFound', { entity: entityName(entity), id }));
    this.name = 'NotFoundError';
    this.entity = entity;
    this.id = id;
  }
}

export class PermissionDeniedError extends CrmError {
  readonly action: string;

  /** Why it was refused, in words the user reads. */
  readonly reason: string;

  /** The refusal's reason as a key with parameters, when it has one. */
  readonly reasonDetail: Message | null;

  /**
   * `action` is what was refused (`create users`, or a message such as `access.action.edit`);
   * `reason` why. Both render in the call's locale.
   */
  constructor(action: Text, reason: Text) {
    super(
      ERROR_CODES.PERMISSION_DENIED,
      msg('error.permissionDenied', { action: param(action), reason: param(reason) }),
    );
    this.name = 'PermissionDeniedError';
    this.action = english(action);
    this.reason = english(reason);
    this.reasonDetail = isMessage(reason) ? reason : null;
  }

  override localize(locale: Locale, catalogues: MessageCatalogues): this {
    if (this.reasonDetail) rewrite(this, 'reason', renderMessage(this.reasonDetail, locale, catalogues));
    return super.localize(locale, catalogues);
  }
}

export class InvalidTransitionError extends CrmError {
  readonly from: string;
  readonly event: string;
  /** Why the move was refused, in words a salesperson reads. */
  readonly reason: string;

  /** The refusal as a key with parameters (a gate's or the machine's explanation), when it has one. */
  readonly reasonDetail: Message | null;

  constructor(from: string, event: string, reason: Text) {
    super(
      ERROR_CODES.INVALID_TRANSITION,
      msg('error.invalidTransition', { event, from, reason: param(reason) }),
    );
    this.name = 'InvalidTransitionError';
    this.from = from;
    this.event = event;
    this.reason = english(reason);
    this.reasonDetail = typeof reason === 'string' ? null : reason;
  }

  override localize(locale: Locale, catalogues: MessageCatalogues): this {
    if (this.reasonDetail) rewrite(this, 'reason', renderMessage(this.reasonDetail, locale, catalogues));
    return super.localize(locale, catalogues);
  }
}

export class ConcurrencyError extends CrmError {
  readonly entity: string;
  readonly id: string;
  readonly expected: number;
  readonly actual: number | null;

  constructor(entity: string, id: string, expected: number, actual: number | null) {
    super(
      ERROR_CODES.CONCURRENCY,
      msg('error.concurrency', { entity: entityName(entity), id, expected, actual: actual ?? 'none' }),
    );
    this.name = 'ConcurrencyError';
    this.entity = entity;
    this.id = id;
    this.expected = expected;
    this.actual = actual;
  }
}

/** A uniqueness rule was broken (e.g. a second user with the same email). */
export class ConflictError extends CrmError {
  readonly entity: string;

  constructor(entity: string, message: Text) {
    super(ERROR_CODES.CONFLICT, message);
    this.name = 'ConflictError';
    this.entity = entity;
  }
}

/**
 * The idempotency key was already used for a different command or input: the resend is not the
 * same request. A ConflictError (HTTP 409), recognisable by its name and `key`.
 */
export class IdempotencyKeyReusedError extends ConflictError {
  readonly key: string;
  readonly command: string;

  constructor(key: string, command: string) {
    super('idempotency_key', msg('error.idempotencyKeyReused', { key, command }));
    this.name = 'IdempotencyKeyReusedError';
    this.key = key;
    this.command = command;
  }
}

/** A driver failure, wrapped so that no raw driver error reaches the caller. */
export class StorageError extends CrmError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ERROR_CODES.STORAGE, message, options);
    this.name = 'StorageError';
  }
}

interface ErrorsByCode {
  VALIDATION: ValidationError;
  NOT_FOUND: NotFoundError;
  PERMISSION_DENIED: PermissionDeniedError;
  INVALID_TRANSITION: InvalidTransitionError;
  CONCURRENCY: ConcurrencyError;
  CONFLICT: ConflictError;
  STORAGE: StorageError;
}

export function isCrmError(e: unknown): e is CrmError;
export function isCrmError<C extends CrmErrorCode>(e: unknown, code: C): e is ErrorsByCode[C];
export function isCrmError(e: unknown, code?: CrmErrorCode): boolean {
  if (typeof e !== 'object' || e === null || (e as Record<symbol, unknown>)[BRAND] !== true) return false;
  return code === undefined || (e as CrmError).code === code;
}
