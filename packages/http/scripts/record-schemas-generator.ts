import { resolve } from 'node:path';
import * as TJS from 'typescript-json-schema';

type Schema = { [key: string]: unknown };

const HERE = resolve(import.meta.dirname, '..');
/** Where the generated schemas live, imported by the OpenAPI document. */
export const RECORD_SCHEMAS_FILE = resolve(HERE, 'src/openapi/record-schemas.json');

/**
 * JSON Schemas of every response type, generated from the TypeScript types core declares (through
 * `ResponseRecords`), so the document cannot describe a field the service does not return. Anonymous
 * and generic helper types are inlined; named types stay as `components.schemas` entries.
 */
export function generateRecordSchemas(): Record<string, Schema> {
  // Type libraries (`@types/node`) are found from the working directory: use the repository's.
  const cwd = process.cwd();
  process.chdir(resolve(HERE, '../..'));
  let program: ReturnType<typeof TJS.programFromConfig>;
  try {
    program = TJS.programFromConfig(resolve(HERE, 'tsconfig.json'), [
      resolve(HERE, 'src/routes/response-records.ts'),
    ]);
  } finally {
    process.chdir(cwd);
  }
  const generator = TJS.buildGenerator(program, { required: true, strictNullChecks: true, ref: true });
  if (!generator) throw new Error('the TypeScript program has errors');
  const root = generator.getSchemaForSymbol('ResponseRecords') as Schema;
  const definitions = (root.definitions ?? {}) as Record<string, Schema>;
  const named = (name: string) => /^[A-Za-z][A-Za-z0-9]*$/.test(name) && name !== 'ResponseRecords';

  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (typeof node !== 'object' || node === null) return node;
    const obj = node as Schema;
    if (typeof obj.$ref === 'string') {
      const name = decodeURIComponent(obj.$ref.replace('#/definitions/', ''));
      const { $ref: _, ...rest } = obj;
      if (named(name)) return { ...(rewrite(rest) as Schema), $ref: `#/components/schemas/${name}` };
      return { ...(rewrite(definitions[name]) as Schema), ...(rewrite(rest) as Schema) };
    }
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, rewrite(v)]));
  };

  const out: Record<string, Schema> = {};
  for (const [name, def] of Object.entries(definitions)) if (named(name)) out[name] = rewrite(def) as Schema;
  const records = (root.properties ?? definitions.ResponseRecords?.properties ?? {}) as Record<
    string,
    Schema
  >;
  for (const [name, prop] of Object.entries(records)) {
    const resolved = rewrite(prop) as Schema;
    // A record named after its own type would be a self-reference: keep the inlined body instead.
    if (resolved.$ref !== `#/components/schemas/${name}`) out[name] = resolved;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}
