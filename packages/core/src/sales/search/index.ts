export type { FindInput, SearchCommands, SearchHit } from './search-commands.js';
export { findInput } from './search-commands.js';
export { SEARCH_SOURCES, searchTermsOf } from './search-sync.js';
export { normaliseName, phoneDigits, type SearchMatch, searchSteps, searchTerms } from './search-terms.js';
