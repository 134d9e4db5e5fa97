import { resolve } from 'node:path';
import ts from 'typescript';
import * as TJS from 'typescript-json-schema';

type Schema = { [key: string]: unknown };

const HERE = resolve(import.meta.dirname, '..');
/** Where the generated schemas live, imported by the OpenAPI document. */
export const RECORD_SCHEMAS_FILE = resolve(HERE, 'src/openapi/record-schemas.json');
/** Where the operations' summaries and descriptions live (from the TSDoc of the `Crm` areas). */
export const OPERATION_DOCS_FILE = resolve(HERE, 'src/openapi/operation-docs.json');

/** The TypeScript program of this package, which reaches core's sources through its imports. */
export function packageProgram(): ts.Program {
  // Type libraries (`@types/node`) are found from the working directory: use the repository's.
  const cwd = process.cwd();
  process.chdir(resolve(HERE, '../..'));
  try {
    return TJS.programFromConfig(resolve(HERE, 'tsconfig.json'), [
      resolve(HERE, 'src/routes/response-records.ts'),
    ]);
  } finally {
    process.chdir(cwd);
  }
}

/**
 * `<area>.<verb>` → the member's TSDoc: its first sentence as the summary, the whole text as the
 * description — what the reference page shows beside each route; `<area>` → the area's own line.
 */
export function generateOperationDocs(
  program: ts.Program,
): Record<string, { summary: string; description: string }> {
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(resolve(HERE, '../core/src/service/crm.ts'));
  const decl = file?.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'Crm',
  );
  if (!decl) throw new Error('interface Crm not found in core/src/service/crm.ts');
  const crm = checker.getTypeAtLocation(decl);
  const out: Record<string, { summary: string; description: string }> = {};
  // Ports and identity are not areas (the route spec's `NotAnArea`); the views are methods.
  const notAreas = new Set(['system', 'tenantId', 'timeZone', 'storage', 'clock', 'locale', 'locales']);
  for (const area of crm.getProperties().filter((a) => !notAreas.has(a.name))) {
    const areaType = checker.getTypeOfSymbolAtLocation(area, decl);
    if (areaType.getCallSignatures().length > 0) continue;
    // The area itself (a tag of the document), from its line on `Crm`.
    const areaText = ts.displayPartsToString(area.getDocumentationComment(checker)).trim();
    if (areaText) out[area.name] = { summary: areaText, description: areaText };
    for (const member of areaType.getProperties()) {
      const text = ts.displayPartsToString(member.getDocumentationComment(checker)).trim();
      if (!text) continue;
      const flat = text.replace(/\s+/g, ' ');
      const summary = (/^(.+?[.!?])(\s|$)/.exec(flat)?.[1] ?? flat).slice(0, 200);
      out[`${area.name}.${member.name}`] = { summary, description: text };
    }
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * JSON Schemas of every response type, generated from the TypeScript types core declares (through
 * `ResponseRecords`), so the document cannot describe a field the service does not return. Anonymous
 * and generic helper types are inlined; named types stay as `components.schemas` entries.
 */
export function generateRecordSchemas(program: ts.Program): Record<string, Schema> {
  const generator = TJS.buildGenerator(program, { required: true, strictNullChecks: true, ref: true });
  if (!generator) throw new Error('the TypeScript program has errors');
  const root = generator.getSchemaForSymbol('ResponseRecords') as Schema;
  const definitions = (root.definitions ?? {}) as Record<string, Schema>;
  const named = (name: string) => /^[A-Za-z][A-Za-z0-9]*$/.test(name) && name !== 'ResponseRecords';

  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (typeof node !== 'object' || node === null) return node;
    const obj = openStringUnion(node as Schema);
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

/** `string & {}`, as typescript-json-schema renders it: an object that is also a string. */
function isAnyString(node: unknown): boolean {
  const all = (node as Schema | null)?.allOf;
  return (
    Array.isArray(all) &&
    all.length === 2 &&
    all.some((s) => (s as Schema).type === 'string') &&
    all.some(
      (s) => (s as Schema).type === 'object' && Object.keys((s as Schema).properties ?? {}).length === 0,
    )
  );
}

/**
 * `BuiltIn | (string & {})` (a tenant's own keys beside the built-in ones): any string, the
 * built-in values as examples — not the impossible "object and string" the generator writes.
 */
function openStringUnion(obj: Schema): Schema {
  const any = obj.anyOf;
  if (!Array.isArray(any) || !any.some(isAnyString)) return obj;
  const { anyOf: _, ...rest } = obj;
  const examples = any.flatMap((s) => ((s as Schema).enum as unknown[] | undefined) ?? []);
  return { ...rest, type: 'string', ...(examples.length ? { examples } : {}) };
}
