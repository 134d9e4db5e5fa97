import { randomUUID } from 'node:crypto';
import { isoInstant } from './iso-instant.js';
import type { Instant } from './time.js';

/** Where "now" comes from. Injected so tests move time forward instead of sleeping. */
export interface Clock {
  now(): Instant;
}

/** Where new record ids come from. Injected so tests get stable ids. */
export interface IdGenerator {
  next(prefix: string): string;
}

export const systemClock: Clock = { now: () => isoInstant(Date.now()) };

export const uuidIds: IdGenerator = { next: (prefix) => `${prefix}_${randomUUID()}` };

/** A clock tests can set and advance. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Instant | string) {
    this.current = Date.parse(start);
    if (Number.isNaN(this.current)) throw new RangeError(`not a valid instant: ${start}`);
  }

  now(): Instant {
    return isoInstant(this.current);
  }

  set(at: Instant | string): void {
    this.current = Date.parse(at);
  }

  advance(ms: number): void {
    this.current += ms;
  }

  advanceDays(days: number): void {
    this.current += days * 86_400_000;
  }
}

/** Deterministic ids: `lead_1`, `lead_2`, … per prefix. */
export function sequentialIds(): IdGenerator {
  const counters = new Map<string, number>();
  return {
    next(prefix) {
      const n = (counters.get(prefix) ?? 0) + 1;
      counters.set(prefix, n);
      return `${prefix}_${n}`;
    },
  };
}
