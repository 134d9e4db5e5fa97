import { z } from 'zod';

/** A JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) as plain data. */
export type JsonSchema = { [key: string]: unknown };

const cache = new WeakMap<z.ZodType, JsonSchema>();

/**
 * What a client may send for `schema`: zod's own converter on the input side, so defaults are
 * optional, `oneOrMany` filters accept one value or a list, and transforms show what they accept.
 * Refinements (a referral needs `referredBy` …) are enforced by the command, not described here.
 */
export function inputJsonSchema(schema: z.ZodType): JsonSchema {
  let out = cache.get(schema);
  if (!out) {
    const { $schema: _, ...rest } = z.toJSONSchema(schema, {
      io: 'input',
      target: 'draft-2020-12',
      unrepresentable: 'any',
    }) as JsonSchema;
    out = rest;
    cache.set(schema, out);
  }
  return out;
}

/** The top-level properties of an object schema (empty for anything else). */
export function propertiesOf(schema: z.ZodType): Record<string, JsonSchema> {
  const props = inputJsonSchema(schema).properties;
  return typeof props === 'object' && props !== null ? (props as Record<string, JsonSchema>) : {};
}

/** The JSON types a property accepts, looking through `anyOf`/`oneOf` and array items. */
export function jsonTypes(schema: JsonSchema | undefined): {
  scalar: Set<string>;
  items: Set<string>;
  array: boolean;
} {
  const scalar = new Set<string>();
  const items = new Set<string>();
  let array = false;
  const visit = (s: unknown, into: Set<string>, depth: number): void => {
    if (typeof s !== 'object' || s === null || depth > 4) return;
    const node = s as JsonSchema;
    const type = node.type;
    for (const t of Array.isArray(type) ? type : type === undefined ? [] : [type]) {
      if (t === 'array') {
        array = true;
        visit(node.items, items, depth + 1);
      } else into.add(String(t));
    }
    if (node.const !== undefined || Array.isArray(node.enum)) into.add('string');
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
      const list = node[key];
      if (Array.isArray(list)) for (const sub of list) visit(sub, into, depth + 1);
    }
  };
  visit(schema, scalar, 0);
  return { scalar, items, array };
}
