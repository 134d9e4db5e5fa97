export * from './common.js';
export * from './enums.js';
export * from './history.js';
export * from './time-zone.js';
