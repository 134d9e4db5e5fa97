import type { z } from 'zod';
import { type JsonSchema, jsonTypes, propertiesOf } from '../openapi/json-schema.js';

/**
 * The query string as the input object a read takes. Values are typed from the schema's input side:
 * `limit=20` becomes 20 where a number is expected, `open=true` becomes true, a repeated key
 * (`status=new&status=working`) becomes a list. Anything that does not fit stays a string, so the
 * command's own validation names the field (422).
 */
export function queryInput(params: URLSearchParams, schema: z.ZodType | undefined): Record<string, unknown> {
  const props = schema ? propertiesOf(schema) : {};
  const out: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    out[key] = decode(params.getAll(key), props[key]);
  }
  return out;
}

function decode(values: string[], prop: JsonSchema | undefined): unknown {
  const { scalar, items, array } = jsonTypes(prop);
  if (array && (values.length > 1 || scalar.size === 0)) return values.map((v) => coerce(v, items));
  return values.length > 1 ? values.map((v) => coerce(v, scalar)) : coerce(values[0] ?? '', scalar);
}

const NUMBER = /^-?\d+(\.\d+)?$/;

function coerce(value: string, types: Set<string>): unknown {
  if ((types.has('integer') || types.has('number')) && NUMBER.test(value)) return Number(value);
  if (types.has('boolean') && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}
