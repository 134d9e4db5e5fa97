import { writeFileSync } from 'node:fs';
import { generateRecordSchemas, RECORD_SCHEMAS_FILE } from './record-schemas-generator.js';

// `npm run generate -w @gongfu/http`: rewrite src/openapi/record-schemas.json from core's types.
writeFileSync(RECORD_SCHEMAS_FILE, `${JSON.stringify(generateRecordSchemas(), null, 2)}\n`);
console.log(`wrote ${RECORD_SCHEMAS_FILE}`);
