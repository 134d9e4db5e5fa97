// Accounts and contacts entered twice: structure-aware Chinese names, pinyin, identity keys.

export { companyNameSignal, phoneLabel } from './account-signals.js';
export type { AccountsMatch } from './contact-signals.js';
export { accountScan, contactScan, type ExcludePair } from './entity-engine.js';
export { ENTITY_DUPLICATE_MESSAGES } from './entity-messages.js';
export {
  blockEntities,
  type EntityBlocking,
  type EntityScan,
  entityExplanation,
  explainEntity,
  MAX_ENTITY_BLOCK,
  scanEntities,
  scoreCandidates,
} from './entity-scan.js';
export { findDuplicateAccounts, findDuplicateContacts } from './find-entity-duplicates.js';
export type { NameFrequency } from './name-frequency.js';
export {
  type AccountRecord,
  type ContactRecord,
  type PreparedAccount,
  type PreparedContact,
  prepareAccount,
  prepareContact,
} from './prepared-entity.js';
export {
  ACCOUNT_PRIOR,
  accountsMatch,
  CONTACT_PRIOR,
  type EntityPairScore,
  scoreAccounts,
  scoreContacts,
} from './score-entities.js';
export type * from './types.js';
