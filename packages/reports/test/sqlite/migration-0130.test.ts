import { describe, it } from 'vitest';
import { expectReKeyedBy } from './story-on-sqlite.js';

describe('migration 0130 (oversize blocks split by keys that need no delivery date)', () => {
  it('re-keys deals keyed before it, so a dateless deal meets its partner inside an oversize block', async () => {
    await expectReKeyedBy(`key like 'nq:%' or key like 'pq:%'`, '0130_dedupe_dateless_split_keys');
  });
});
