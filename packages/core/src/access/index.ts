export { ACCESS_MESSAGES } from './access-messages.js';
export * from './access-sources.js';
export * from './authorize.js';
export * from './explain-access.js';
export * from './hidden-record.js';
export * from './model.js';
export * from './org-chart.js';
export * from './visibility-scope.js';
