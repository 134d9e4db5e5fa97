import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecentSubjects, SUBJECTS_KEPT_PER_READ } from '../../src/service/recent-subjects.js';

describe('RecentSubjects: what a read labelled last time', () => {
  it('gives back what a read kept, at most the first SUBJECTS_KEPT_PER_READ of them', () => {
    const recent = new RecentSubjects<number>(8);
    expect(recent.of('week')).toBeUndefined();
    recent.keep('week', [1, 2, 3]);
    expect(recent.of('week')).toEqual([1, 2, 3]);
    const many = Array.from({ length: SUBJECTS_KEPT_PER_READ + 5 }, (_, i) => i);
    recent.keep('month', many);
    expect(recent.of('month')).toEqual(many.slice(0, SUBJECTS_KEPT_PER_READ));
    recent.keep('week', [4]);
    expect(recent.of('week')).toEqual([4]);
  });

  it('property: holds at most its capacity of reads, and a read asked for in each generation stays', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 16 }),
        fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 200 }),
        (capacity, reads) => {
          const recent = new RecentSubjects<number>(capacity);
          recent.keep('kept', [0]);
          const held = new Set<string>(['kept']);
          for (const r of reads) {
            // The read asked for every turn is never forgotten however many others come.
            expect(recent.of('kept')).toEqual([0]);
            recent.keep(`r${r}`, [r]);
            held.add(`r${r}`);
            const remembered = [...held].filter((k) => recent.of(k) !== undefined);
            expect(remembered.length).toBeLessThanOrEqual(capacity + 1);
          }
        },
      ),
    );
  });
});
