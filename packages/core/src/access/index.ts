// `testing-arbitraries.ts` is deliberately not re-exported: it needs fast-check, a dev dependency.
export * from './access-sources.js';
export * from './authorize.js';
export * from './explain-access.js';
export * from './model.js';
export * from './org-chart.js';
export * from './visibility-scope.js';
