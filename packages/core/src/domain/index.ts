export * from './chinese-text.js';
export * from './common.js';
export * from './company-affixes.js';
export * from './custom-field-check.js';
export * from './custom-fields.js';
export * from './enums.js';
export * from './history.js';
export * from './time-zone.js';
