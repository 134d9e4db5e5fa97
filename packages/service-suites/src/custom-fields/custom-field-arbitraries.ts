import fc from 'fast-check';
import { z } from 'zod';

/** One generated custom field: its zod schema, how to draw a valid value, and whether it is ordered. */
export interface GeneratedField {
  name: string;
  type: 'text' | 'int' | 'flag' | 'choice';
  schema: z.ZodType;
  value: fc.Arbitrary<string | number | boolean>;
  /** A value the schema refuses. */
  invalid: unknown;
}

const CHOICES = ['gold', 'silver', 'bronze'] as const;

function field(name: string, type: GeneratedField['type']): GeneratedField {
  switch (type) {
    case 'text':
      return {
        name,
        type,
        schema: z.string().min(1).max(12),
        value: fc.string({ minLength: 1, maxLength: 12 }),
        invalid: 42,
      };
    case 'int':
      return {
        name,
        type,
        schema: z.number().int().min(-5000).max(5000),
        value: fc.integer({ min: -5000, max: 5000 }),
        invalid: 1.5,
      };
    case 'flag':
      return { name, type, schema: z.boolean(), value: fc.boolean(), invalid: 'yes' };
    case 'choice':
      return {
        name,
        type,
        schema: z.enum(CHOICES),
        value: fc.constantFrom(...CHOICES),
        invalid: 'platinum',
      };
  }
}

/** 1–4 fields with distinct identifier names and mixed types. */
export const fieldSetArb: fc.Arbitrary<GeneratedField[]> = fc
  .uniqueArray(fc.stringMatching(/^[a-z][A-Za-z0-9_]{0,14}$/), { minLength: 1, maxLength: 4 })
  .chain((names) =>
    fc.tuple(
      ...names.map((name) =>
        fc.constantFrom('text', 'int', 'flag', 'choice').map((t) => field(name, t as GeneratedField['type'])),
      ),
    ),
  );

/** The zod declarations of a generated field set. */
export function declarations(fields: readonly GeneratedField[]): Record<string, z.ZodType> {
  return Object.fromEntries(fields.map((f) => [f.name, f.schema]));
}

/** A value for every field (the create), and a value for some of them (the update's patch). */
export function valuesArb(
  fields: readonly GeneratedField[],
): fc.Arbitrary<{ create: Record<string, unknown>; patch: Record<string, unknown> }> {
  const all = fc.record(Object.fromEntries(fields.map((f) => [f.name, f.value])));
  const some = fc.record(Object.fromEntries(fields.map((f) => [f.name, f.value])), { requiredKeys: [] });
  return fc.record({ create: all, patch: some });
}
