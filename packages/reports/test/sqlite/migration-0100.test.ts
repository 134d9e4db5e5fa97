import { describe, it } from 'vitest';
import { expectReKeyedBy } from './story-on-sqlite.js';

describe('migration 0100 (each customer’s count of each basket as statistic keys)', () => {
  it('re-keys deals keyed before it, so the stored check reads a customer’s own kit count', async () => {
    await expectReKeyedBy(`key like '#as%' or key like '#ab:%'`, '0100_dedupe_customer_basket_keys');
  });
});
