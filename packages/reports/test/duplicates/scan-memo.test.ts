import type { DealDuplicate } from '@gongfu/reports';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SCAN_HELD_MS, ScanMemo } from '../../src/duplicates/scan-memo.js';

const result = (): DealDuplicate[] => [];

afterEach(() => {
  vi.useRealTimers();
});

describe('ScanMemo', () => {
  it('holds the two results read or made last, and lets the older go', () => {
    const memo = new ScanMemo();
    const [a, b, c] = [result(), result(), result()];
    memo.set('a', a);
    memo.set('b', b);
    // Reading `a` makes it the newer of the two, so `b` goes when `c` comes.
    expect(memo.get('a')).toBe(a);
    memo.set('c', c);
    expect(memo.get('b')).toBeUndefined();
    expect(memo.get('a')).toBe(a);
    expect(memo.get('c')).toBe(c);
    expect(memo.size).toBe(2);
  });

  it('lets a result go after SCAN_HELD_MS, unless a later scan of the same inputs replaced it', () => {
    vi.useFakeTimers();
    const memo = new ScanMemo();
    const first = result();
    memo.set('x', first);
    memo.set('y', result());
    vi.advanceTimersByTime(SCAN_HELD_MS / 2);
    const again = result();
    memo.set('y', again);
    vi.advanceTimersByTime(SCAN_HELD_MS / 2);
    expect(memo.get('x')).toBeUndefined();
    // The first timer of `y` finds a newer result and leaves it; its own timer lets it go.
    expect(memo.get('y')).toBe(again);
    vi.advanceTimersByTime(SCAN_HELD_MS / 2);
    expect(memo.get('y')).toBeUndefined();
    expect(memo.size).toBe(0);
  });
});
