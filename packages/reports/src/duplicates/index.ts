// Duplicate detection: deals (the opening story) and entities entered twice.

export { type CompanyName, compareCompanyNames, parseCompanyName } from '../names/company-name.js';
export { companyDomain, emailKey, phoneE164 } from '../names/contact-keys.js';
export type { BlockingOptions, BlockingStats } from './blocking.js';
export { clusterPairs, type DuplicateCluster } from './clusters.js';
export { accountKeys, toDealRecord } from './deal-records.js';
export {
  REFRESH_LOOK_BACK_MS,
  REFRESH_PAGE,
  type RefreshOptions,
  type RefreshProgress,
  refreshDedupeIndex,
} from './dedupe-index.js';
export { DUPLICATE_DEAL_MESSAGES, PROVINCE_MESSAGES } from './duplicate-messages.js';
export { type EmComparison, type EmInput, type EmResult, expectationMaximisation } from './em.js';
export {
  DealDuplicateEngine,
  type EngineOptions,
  type EngineScanOptions,
  pairKey,
  type ScanReport,
} from './engine.js';
export {
  allDuplicateDeals,
  checkDealForDuplicates,
  type DuplicatePage,
  findDuplicateClusters,
  findDuplicateDeals,
  findDuplicateDealsPage,
} from './find-deal-duplicates.js';
export { PROVINCES, provinceLabel } from './provinces.js';
export { DuplicateScanThreadError, type ScanThreads, startScanThreads } from './scan-threads.js';
export { explain, explanationOf, PRIOR_WEIGHT, priorWeight, probabilityOf } from './score-pair.js';
export {
  type DuplicateWeightsVersion,
  type EstimateWeightsOptions,
  estimateTenantWeights,
  type RefreshWeightsOptions,
  reestimateDuplicateWeights,
  refreshDuplicateWeights,
} from './tenant-weights.js';
export type * from './types.js';
export {
  type DuplicateFit,
  type DuplicateWeights,
  type EstimateOptions,
  estimateDuplicateWeights,
  REFERENCE_CANDIDATE_U,
  REFERENCE_U,
  REFERENCE_WEIGHTS,
  U_LEVELS,
  type ULevel,
} from './weights.js';
