import { z } from 'zod';

/** The record kinds an app may add its own fields to. */
export const CUSTOM_FIELD_KINDS = [
  'account',
  'contact',
  'lead',
  'opportunity',
  'order',
  'serviceCase',
  'activity',
  'product',
] as const;
export type CustomFieldKind = (typeof CUSTOM_FIELD_KINDS)[number];

/** The custom-field kind of a history entity type, or undefined for kinds without custom fields. */
export function customKindOf(entityType: string): CustomFieldKind | undefined {
  const kind = entityType === 'service_case' ? 'serviceCase' : entityType;
  return (CUSTOM_FIELD_KINDS as readonly string[]).includes(kind) ? (kind as CustomFieldKind) : undefined;
}

/** What `createCrm({ fields })` takes: per record kind, one zod schema per field name. */
export type CustomFieldDeclarations = {
  readonly [K in CustomFieldKind]?: Readonly<Record<string, z.ZodType>>;
};

/**
 * The app's custom fields, declared once by module augmentation so that inputs, records and list
 * filters are typed everywhere without a generic on every call:
 *
 * ```ts
 * const fields = { opportunity: { industryCode: z.string() } } satisfies CustomFieldDeclarations;
 * declare module '@gongfu/core' {
 *   interface CustomFieldSchemas extends AppFields {}
 * }
 * type AppFields = typeof fields;
 * ```
 *
 * Left empty, every kind has no declared field (and `custom` accepts nothing at run time either).
 */
// biome-ignore lint/suspicious/noEmptyInterface: the app fills it by declaration merging
export interface CustomFieldSchemas {}

type SchemasOf<K extends CustomFieldKind> = CustomFieldSchemas extends {
  readonly [P in K]: infer S extends Readonly<Record<string, z.ZodType>>;
}
  ? S
  : Record<never, never>;

/**
 * The custom values of a stored record of kind `K`. Every field is optional: a field declared after
 * a record was written reads as absent on it.
 */
export type CustomFieldsOf<K extends CustomFieldKind> = {
  -readonly [F in keyof SchemasOf<K>]?: z.output<SchemasOf<K>[F]>;
};

/** The custom values a command takes for a record of kind `K`: a patch on updates, `null` clears a field. */
export type CustomFieldsInput<K extends CustomFieldKind> = {
  [F in keyof SchemasOf<K>]?: z.input<SchemasOf<K>[F]> | null;
};

/** A value a list may compare a custom field with. */
export type CustomScalar = string | number | boolean;
/** Equal to a value, or within a range: `from` ≤ value < `to`, either end open. */
export type CustomCondition<V> = V | { from?: V; to?: V };

/** List filter on custom fields: each named field equals a value or lies in a range. */
export type CustomFieldFilter<K extends CustomFieldKind> = {
  [F in keyof SchemasOf<K>]?: CustomCondition<Extract<z.output<SchemasOf<K>[F]>, CustomScalar>>;
};

/**
 * Field names become JSON paths in SQL (`$.custom.<name>`, `doc->'custom'->'<name>'`), so they are
 * plain identifiers: nothing to quote, nothing to inject.
 */
export const CUSTOM_FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

const scalar = z.union([z.string().max(1000), z.number().finite(), z.boolean()]);

/** The `custom` key of an input: checked against the tenant's declared fields by the service. */
export function customInput<K extends CustomFieldKind>(_kind: K) {
  return z.record(z.string(), z.unknown()).optional() as unknown as z.ZodOptional<
    z.ZodType<CustomFieldsInput<K>, CustomFieldsInput<K>>
  >;
}

/** The `custom` key of a list query: one condition per declared field. */
export function customFilterInput<K extends CustomFieldKind>(_kind: K) {
  const condition = z.union([scalar, z.strictObject({ from: scalar.optional(), to: scalar.optional() })]);
  return z.record(z.string(), condition).optional() as unknown as z.ZodOptional<
    z.ZodType<CustomFieldFilter<K>, CustomFieldFilter<K>>
  >;
}
