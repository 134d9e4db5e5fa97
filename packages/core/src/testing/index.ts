// The conformance suite's own exports are added by its author below this line.

export * from './arbitraries/org-arbitraries.js';
export * from './conformance/index.js';
