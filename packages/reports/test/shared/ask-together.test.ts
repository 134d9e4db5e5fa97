import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { askTogether } from '../../src/shared/ask-together.js';

/** A read that settles after `ticks` turns of the microtask queue, noting when it did. */
function read(ticks: number, fails: boolean, settled: number[], id: number): Promise<number> {
  let p: Promise<void> = Promise.resolve();
  for (let i = 0; i < ticks; i++) p = p.then(() => undefined);
  return p.then(() => {
    settled.push(id);
    if (fails) throw new Error(`read ${id} failed`);
    return id;
  });
}

describe('askTogether: reads of one transaction asked for together', () => {
  it('answers like Promise.all when every read succeeds', async () => {
    const settled: number[] = [];
    expect(await askTogether([read(3, false, settled, 0), read(0, false, settled, 1)])).toEqual([0, 1]);
  });

  it('throws the first failure in the order asked, only once every read has settled', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ ticks: fc.nat(6), fails: fc.boolean() }), { minLength: 1, maxLength: 6 }),
        async (reads) => {
          fc.pre(reads.some((r) => r.fails));
          const settled: number[] = [];
          const error = await askTogether(reads.map((r, i) => read(r.ticks, r.fails, settled, i))).then(
            () => null,
            (e: Error) => e,
          );
          // No read of the transaction is still running when the caller learns of the failure.
          expect(settled).toHaveLength(reads.length);
          expect(error?.message).toBe(`read ${reads.findIndex((r) => r.fails)} failed`);
        },
      ),
    );
  });
});
