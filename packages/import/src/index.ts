// The published API of @gongfu/import: bulk import from CSV or JSON lines, and the duplicate
// check for one new customer or contact.
export { checkNewAccount, checkNewContact, createAccountChecked } from './check-new.js';
export type { DuplicateCandidate } from './describe-match.js';
export type { DuplicateMatch } from './duplicate-index.js';
export { IMPORT_ENTITIES, type ImportEntity } from './import-kinds.js';
export { IMPORT_MESSAGES } from './import-messages.js';
export {
  dryRunImport,
  type ImportOptions,
  type ImportProgress,
  type ImportReport,
  type RowReport,
  type RowStatus,
  runImport,
} from './import-run.js';
export type { ImportFormat, ImportSource } from './read-rows.js';
