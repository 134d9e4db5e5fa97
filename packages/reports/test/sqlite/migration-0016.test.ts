import { describe, it } from 'vitest';
import { expectReKeyedBy } from './story-on-sqlite.js';

describe('migration 0016 (SKU + exact quantity blocking keys)', () => {
  it('re-keys deals keyed before it, so their stored keys gain the quantity split', async () => {
    await expectReKeyedBy(`key like 'rq:%'`, '0016_dedupe_quantity_keys');
  });
});
