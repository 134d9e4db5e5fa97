import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  generateOperationDocs,
  generateRecordSchemas,
  OPERATION_DOCS_FILE,
  packageProgram,
  RECORD_SCHEMAS_FILE,
} from '../../scripts/docs-generator.js';
import { resolveRoutes } from '../../src/index.js';

const committed = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

describe("the document's generated parts", () => {
  it("are what core's types and TSDoc give today (after a change: `npm run generate -w @gongfu/http`)", () => {
    const program = packageProgram();
    expect(generateRecordSchemas(program)).toEqual(committed(RECORD_SCHEMAS_FILE));
    expect(generateOperationDocs(program)).toEqual(committed(OPERATION_DOCS_FILE));
  }, 120_000);

  it('describe every route', () => {
    const docs = committed(OPERATION_DOCS_FILE) as Record<string, { summary: string }>;
    const undocumented = resolveRoutes()
      .map((r) => r.operationId)
      .filter((id) => !docs[id]?.summary);
    expect(undocumented).toEqual([]);
  });
});
