import { z } from 'zod';
import { type FieldIssue, fieldIssue, ValidationError } from '../kernel/errors.js';
import { entityName } from '../kernel/kernel-messages.js';
import type { Message } from '../kernel/message.js';
import { zodIssueAt } from '../kernel/validate.js';
import { sayCustomField as say } from './custom-field-messages.js';
import {
  CUSTOM_FIELD_KINDS,
  CUSTOM_FIELD_NAME,
  type CustomFieldDeclarations,
  type CustomFieldKind,
  type CustomFieldsOf,
} from './custom-fields.js';

/** The declared fields of each kind, checked once when the service is created. */
export type CompiledCustomFields = {
  readonly [K in CustomFieldKind]?: Readonly<Record<string, z.ZodType>>;
};

/**
 * Checks an app's declarations: known kinds, identifier names (they become JSON paths in SQL), and
 * a zod schema per field. A mistake is a ValidationError at `createCrm`, not on the first write.
 */
export function compileCustomFields(declarations: CustomFieldDeclarations | undefined): CompiledCustomFields {
  const issues: FieldIssue[] = [];
  const out: Record<string, Record<string, z.ZodType>> = {};
  for (const [kind, fields] of Object.entries(declarations ?? {})) {
    if (!(CUSTOM_FIELD_KINDS as readonly string[]).includes(kind)) {
      issues.push(
        fieldIssue(
          `fields.${kind}`,
          say('customField.invalid.kind', { kinds: CUSTOM_FIELD_KINDS.join(', ') }),
        ),
      );
      continue;
    }
    const shape: Record<string, z.ZodType> = {};
    for (const [name, schema] of Object.entries(fields ?? {})) {
      if (!CUSTOM_FIELD_NAME.test(name))
        issues.push(fieldIssue(`fields.${kind}.${name}`, say('customField.invalid.name')));
      else if (!(schema instanceof z.ZodType))
        issues.push(fieldIssue(`fields.${kind}.${name}`, say('customField.invalid.schema')));
      else shape[name] = schema;
    }
    out[kind] = shape;
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return out;
}

/**
 * The custom values a write stores: the record's current values for fields still declared (a field
 * the app removed is dropped, never an error), then the patch, each patched value checked by its
 * schema. `null` in a patch clears the field. An undeclared name is a ValidationError naming
 * `custom.<name>`.
 */
export function customValues<K extends CustomFieldKind>(
  fields: CompiledCustomFields,
  kind: K,
  current: object | null | undefined,
  patch: object | null | undefined,
): CustomFieldsOf<K> {
  const shape: Readonly<Record<string, z.ZodType>> = fields[kind] ?? {};
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(current ?? {}))
    if (Object.hasOwn(shape, name) && value !== undefined) out[name] = value;
  const issues: FieldIssue[] = [];
  for (const [name, value] of Object.entries(patch ?? {})) {
    if (value === undefined) continue;
    const schema = Object.hasOwn(shape, name) ? shape[name] : undefined;
    if (schema === undefined) {
      issues.push(fieldIssue(`custom.${name}`, unknownField(kind, Object.keys(shape))));
      continue;
    }
    if (value === null) {
      delete out[name];
      continue;
    }
    // reportInput: the issue's input tells a wrong value ("expected a number") from a missing one.
    const parsed = schema.safeParse(value, { reportInput: true });
    if (parsed.success) out[name] = parsed.data;
    else
      for (const issue of parsed.error.issues) {
        // The app's own schema: its issues speak by code like every built-in field's.
        issues.push(zodIssueAt(['custom', name, ...issue.path.map(String)].join('.'), issue));
      }
  }
  if (issues.length > 0) throw new ValidationError(issues);
  return out as CustomFieldsOf<K>;
}

/**
 * Names in a list filter must be declared: they become JSON paths in the query. Each value compared
 * (the value, or a range's `from` and `to`) must be of the field's type: the engines order values of
 * different JSON types differently (SQLite puts every number before every text, PostgreSQL's jsonb
 * the other way round), so `budgetYear: { from: 'x' }` would answer one list on one engine and
 * another on the other.
 */
export function checkCustomFilter(
  fields: CompiledCustomFields,
  kind: CustomFieldKind | undefined,
  filter: unknown,
): void {
  const shape: Readonly<Record<string, z.ZodType>> = (kind && fields[kind]) || {};
  const issues: FieldIssue[] = [];
  for (const [name, condition] of Object.entries(filter ?? {})) {
    const schema = Object.hasOwn(shape, name) ? shape[name] : undefined;
    if (schema === undefined) {
      issues.push(fieldIssue(`custom.${name}`, unknownField(kind, Object.keys(shape))));
      continue;
    }
    const compared: [string, unknown][] =
      typeof condition === 'object' && condition !== null
        ? Object.entries(condition).map(([end, value]) => [`custom.${name}.${end}`, value])
        : [[`custom.${name}`, condition]];
    for (const [field, value] of compared) {
      if (value === undefined) continue;
      const typeIssue = schema
        .safeParse(value, { reportInput: true })
        .error?.issues.find((issue) => issue.code === 'invalid_type' && issue.path.length === 0);
      // Only the type: a bound may lie outside the field's refinements (`{ from: 0 }` on a positive field).
      if (typeIssue) issues.push(zodIssueAt(field, typeIssue));
    }
  }
  if (issues.length > 0) throw new ValidationError(issues);
}

function unknownField(kind: CustomFieldKind | undefined, known: readonly string[]): Message {
  const named = kind ? entityName(kind) : say('customField.thisList');
  return known.length === 0
    ? say('customField.unknown.noneDeclared', { kind: named })
    : say('customField.unknown.field', { kind: named, declared: known.join(', ') });
}
