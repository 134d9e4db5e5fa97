import { DealDuplicateEngine, type DealLine, type DealRecord } from '@gongfu/reports';
import { describe, expect, it } from 'vitest';
import { basketOf, day, deal, oneOffProjects, provinces } from './basket-tenant.js';

/**
 * A further matched line's equal quantity is read as the first line's is: against how few of the
 * tenant's lines in its quantity band hold exactly it. Read from a ±10 % window instead (at most 4
 * bits), the band's part was never counted, and a planted hard pair at 300,000 deals — two of four
 * lines kept, both quantities equal — weighed less than false pairs sharing three SKUs in merely
 * similar quantities (bench/RESULTS.md, issue 14, helper h-hard8).
 */

const line = (sku: string, quantity: number, category: string | null = null): DealLine => ({
  sku,
  category,
  quantity,
});

const DEVICE = line('DEV-A', 200, 'mobile_computer');

/**
 * 2,000 one-off projects, 40 holders of 200 × DEV-A and 300 deals with a line of 150 of their own
 * (so the band 100–199 holds many lines, none of them 137). The pairs: two customers in Shandong
 * three weeks apart sharing DEV-A and RARE-X, two lines of their own each; `equal` in 137 / 137,
 * `near` in 137 / 140 (within 10 %: full credit, no exact quantity).
 */
function tenant(): DealRecord[] {
  const holders = Array.from({ length: 40 }, (_, i) =>
    deal(`h${i}`, {
      lines: [DEVICE, line(`OWN-${i}`, 50)],
      province: provinces[i % 6] as string,
      requiredDelivery: day(i * 17),
    }),
  );
  const band = Array.from({ length: 300 }, (_, i) =>
    deal(`b${i}`, {
      lines: [line(`FILL-${i}`, 150)],
      province: provinces[i % 6] as string,
      requiredDelivery: day(i * 3),
    }),
  );
  const own = (id: string) => [line(`${id}-1`, 30), line(`${id}-2`, 60)];
  const pair = (id: string, a: number, b: number) => [
    deal(`${id}A`, {
      lines: [DEVICE, line('RARE-X', a, 'rfid_reader'), ...own(`${id}a`)],
      requiredDelivery: '2026-06-01',
    }),
    deal(`${id}B`, {
      lines: [DEVICE, line('RARE-X', b, 'rfid_reader'), ...own(`${id}b`)],
      requiredDelivery: '2026-06-22',
    }),
  ];
  return [...oneOffProjects(), ...holders, ...band, ...pair('equal', 137, 137), ...pair('near', 137, 140)];
}

describe('a further line’s equal quantity', () => {
  it('adds how rare the quantity is in its band, past the 4 bits a ±10 % window gave', () => {
    const engine = new DealDuplicateEngine(tenant());
    expect(engine.weights().lineReading).toBe('co-occurrence');
    const equal = basketOf(engine.score('equalA', 'equalB'))?.weight ?? Number.NaN;
    const near = basketOf(engine.score('nearA', 'nearB'))?.weight ?? Number.NaN;
    // 137 is none of the band's ~300 other lines: −log2 of its smoothed share, at most log2 of the
    // band's width (100 quantities: 6.64 bits). The window reading gave at most 4.
    expect(equal - near).toBeGreaterThan(6);
    expect(equal - near).toBeLessThanOrEqual(Math.log2(100) + 1e-9);
  });

  it('adds less for a quantity many of the band’s lines hold', () => {
    const engine = new DealDuplicateEngine(tenant());
    // 150 is the band's usual quantity: an equal 150 says little more than a near one.
    const records = [
      deal('usualA', { lines: [DEVICE, line('RARE-X', 150, 'rfid_reader'), line('ua-1', 30)] }),
      deal('usualB', { lines: [DEVICE, line('RARE-X', 150, 'rfid_reader'), line('ub-1', 30)] }),
      deal('usualNearB', { lines: [DEVICE, line('RARE-X', 152, 'rfid_reader'), line('un-1', 30)] }),
    ];
    for (const r of records) engine.add(r);
    const equal = basketOf(engine.score('usualA', 'usualB'))?.weight ?? Number.NaN;
    const near = basketOf(engine.score('usualA', 'usualNearB'))?.weight ?? Number.NaN;
    expect(equal - near).toBeGreaterThanOrEqual(0);
    expect(equal - near).toBeLessThan(1);
  });
});
