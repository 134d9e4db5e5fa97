import { writeFileSync } from 'node:fs';
import {
  generateOperationDocs,
  generateRecordSchemas,
  OPERATION_DOCS_FILE,
  packageProgram,
  RECORD_SCHEMAS_FILE,
} from './docs-generator.js';

// `npm run generate -w @gongfu/http`: rewrite the document's generated parts from core's types.
const program = packageProgram();
writeFileSync(RECORD_SCHEMAS_FILE, `${JSON.stringify(generateRecordSchemas(program), null, 2)}\n`);
writeFileSync(OPERATION_DOCS_FILE, `${JSON.stringify(generateOperationDocs(program), null, 2)}\n`);
console.log(`wrote ${RECORD_SCHEMAS_FILE} and ${OPERATION_DOCS_FILE}`);
