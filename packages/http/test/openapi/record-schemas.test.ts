import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateRecordSchemas, RECORD_SCHEMAS_FILE } from '../../scripts/record-schemas-generator.js';

describe('response schemas', () => {
  it("are what core's types generate today (run `npm run generate -w @gongfu/http` after changing a record)", () => {
    const committed = JSON.parse(readFileSync(RECORD_SCHEMAS_FILE, 'utf8'));
    expect(generateRecordSchemas()).toEqual(committed);
  }, 120_000);
});
