import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lifecyclesMarkdown } from '../../../../scripts/lifecycles-markdown.js';
import { LEAD_TRANSITIONS, leadMachine, lifecycleEdges } from '../../src/index.js';

describe('lifecycle diagrams', () => {
  it('docs/lifecycles.md is what the machines generate (run `npm run docs:diagrams` after a change)', () => {
    const checkedIn = readFileSync(new URL('../../../../docs/lifecycles.md', import.meta.url), 'utf8');
    expect(checkedIn).toBe(lifecyclesMarkdown());
  });

  it('draws exactly the declared moves of the lead machine, with their gates', () => {
    const drawn = lifecycleEdges(leadMachine).map((e) => `${e.from} ${e.event} ${e.to} ${e.gates.join(',')}`);
    const declared = LEAD_TRANSITIONS.map((r) => `${r.from} ${r.event} ${r.to} ${r.gates.join(',')}`);
    expect(drawn.sort()).toEqual(declared.sort());
  });
});
