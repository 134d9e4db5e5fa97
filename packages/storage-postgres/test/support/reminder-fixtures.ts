import type { Reminder, ReminderDispatcher } from '@gongfu/core';
import type { TestDatabase } from './pg-target.js';

/** The dispatch tests' "now"; every seeded reminder fell due before it. */
export const DISPATCH_START = '2026-03-02T01:00:00.000Z';

/**
 * `count` due, undelivered reminders in `tenantId`, inserted by plain SQL (fixtures for the
 * dispatcher, not what it tests), due one second apart before DISPATCH_START.
 */
export async function seedDueReminders(db: TestDatabase, tenantId: string, count: number): Promise<void> {
  await db.storage.tenants.create({ id: tenantId, name: tenantId, createdAt: DISPATCH_START });
  await db.query(
    `insert into reminders (tenant_id, id, key, kind, subject_type, subject_id, user_id, due_at, message, version)
     select $1, 'rem_' || g, 'follow_up:lead_' || g, 'follow_up', 'lead', 'lead_' || g, 'u' || (g % 7),
            $2::timestamptz - make_interval(secs => g), 'Follow up', 1
     from generate_series(1, $3::int) as g`,
    [tenantId, DISPATCH_START, count],
  );
}

/** Runs every dispatcher round after round until a round claims nothing, all of them at once. */
export async function drain(dispatchers: readonly ReminderDispatcher[]): Promise<void> {
  await Promise.all(
    dispatchers.map(async (d) => {
      for (;;) if ((await d.runOnce()).claimed === 0) return;
    }),
  );
}

/** Who delivered what, in order. */
export class DeliveryLog {
  readonly entries: { id: string; tenantId: string; worker: string }[] = [];

  deliverAs(worker: string) {
    return async (r: Reminder) => {
      this.entries.push({ id: r.id, tenantId: r.tenantId, worker });
    };
  }

  /** Reminder ids delivered more than once. */
  duplicates(): string[] {
    const seen = new Map<string, number>();
    for (const e of this.entries)
      seen.set(`${e.tenantId}/${e.id}`, (seen.get(`${e.tenantId}/${e.id}`) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([k]) => k);
  }

  distinct(): number {
    return new Set(this.entries.map((e) => `${e.tenantId}/${e.id}`)).size;
  }

  byWorker(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const e of this.entries) out[e.worker] = (out[e.worker] ?? 0) + 1;
    return out;
  }
}
