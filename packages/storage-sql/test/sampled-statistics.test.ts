import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { widenSampledStat } from '../src/stores/sampled-statistics.js';

const numbers = (stat: string) =>
  stat
    .split(' ')
    .filter((t) => /^\d+$/.test(t))
    .map(Number);

describe('widenSampledStat: a sampled ANALYZE corrected for the tenant column', () => {
  it('gives the tenant its rows, makes unresolved prefixes as large, keeps what the sample resolved', () => {
    // A 1M-row table of one tenant, sampled over 2,000 entries.
    expect(widenSampledStat('1000000 2001 1 1 1 1 1', 1_000_000)).toBe('1000000 1000000 1 1 1 1 1');
    expect(widenSampledStat('1000000 2001 501 1', 1_000_000)).toBe('1000000 1000000 501 1');
    expect(widenSampledStat('1000000 2001 2001', 1_000_000)).toBe('1000000 1000000 1000000');
    expect(widenSampledStat('1000000 2001 2001 1 1', 500_000)).toBe('1000000 500000 500000 1 1');
    // Options after the figures stay; statistics a full ANALYZE wrote are left alone.
    expect(widenSampledStat('1000000 2001 2001 unordered', 1_000_000)).toBe(
      '1000000 1000000 1000000 unordered',
    );
    expect(widenSampledStat('100040 100040 547 1', 100_040)).toBe('100040 100040 547 1');
    expect(widenSampledStat('12', 12)).toBe('12');
  });

  it('divides the tenant among the values of the column after it, where the sample never saw one end', () => {
    // 1M activities, 200 owners: the first 2,000 index entries all belong to the first owner.
    expect(widenSampledStat('1000000 2001 2001 1', 1_000_000, 200)).toBe('1000000 1000000 5000 1');
    expect(widenSampledStat('1000000 2001 2001 2001', 1_000_000, 200)).toBe('1000000 1000000 5000 5000');
    // One value (every lead_id null) is the whole tenant; what the sample resolved is kept.
    expect(widenSampledStat('1000000 2001 2001', 1_000_000, 1)).toBe('1000000 1000000 1000000');
    expect(widenSampledStat('1000000 2001 501 1', 1_000_000, 200)).toBe('1000000 1000000 501 1');
  });

  it('never lowers a figure, never rises from one prefix to the next, and keeps the row count', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
        (rows, raw, perTenant, values) => {
          const averages = raw.sort((a, b) => b - a);
          const stat = [rows, ...averages].join(' ');
          const out = numbers(widenSampledStat(stat, perTenant, values));
          expect(out[0]).toBe(rows);
          expect(out).toHaveLength(averages.length + 1);
          out.slice(1).forEach((v, i) => {
            expect(v).toBeGreaterThanOrEqual(averages[i] as number);
            if (i > 0) expect(v).toBeLessThanOrEqual(out[i] as number);
          });
          expect(out[1]).toBe(Math.max(averages[0] as number, perTenant));
        },
      ),
    );
  });
});
