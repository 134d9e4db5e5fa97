export type { FindInput, SearchCommands, SearchHit, SearchResult } from './search-commands.js';
export { findInput } from './search-commands.js';
export { SEARCH_MESSAGES } from './search-messages.js';
export { SEARCH_SOURCES, searchTermsOf } from './search-sync.js';
export {
  nameTerms,
  normaliseName,
  phoneDigits,
  type SearchMatch,
  SUBSTRING_KEYS_PER_HIT,
  searchSteps,
  searchTerms,
} from './search-terms.js';
