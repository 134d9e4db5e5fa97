// Regenerates docs/lifecycles.md from the compiled machines: `npm run docs:diagrams`.
// A test (packages/core/test/lifecycle/diagrams-in-sync.test.ts) fails when the file is stale.
import { writeFileSync } from 'node:fs';
import { lifecyclesMarkdown } from './lifecycles-markdown.js';

const target = new URL('../docs/lifecycles.md', import.meta.url);
writeFileSync(target, lifecyclesMarkdown());
console.log(`wrote ${target.pathname}`);
