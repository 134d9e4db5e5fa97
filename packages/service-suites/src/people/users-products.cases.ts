import { expect, it } from 'vitest';
import type { ServiceWorld } from '../support/harness.js';
import { storyLead } from '../support/harness.js';
import { expectCode, expectInvalidField } from '../support/service-expect.js';

const cny = (amount: number) => ({ amount, currency: 'CNY' });

/** The org chart and the product catalogue: who may change them, and their uniqueness rules. */
export function usersProductsCases(world: () => Promise<ServiceWorld>): void {
  it('lets an admin create anyone and a manager only inside their own team', async () => {
    const w = await world();
    const { admin, manager, repA, otherManager } = w.org;
    await expectCode(
      w.crm.users.create(repA, { name: '新人', role: 'sales_rep', managerId: repA.id }),
      'PERMISSION_DENIED',
    );
    const hire = await w.crm.users.create(manager, {
      name: '销售员丁',
      role: 'sales_rep',
      managerId: manager.id,
      email: 'Ding@Example.com',
    });
    expect(hire).toMatchObject({
      managerId: manager.id,
      email: 'ding@example.com',
      active: true,
      version: 1,
    });
    // Below someone in the manager's subtree is inside it too.
    const trainee = await w.crm.users.create(manager, {
      name: '实习生',
      role: 'sales_rep',
      managerId: repA.id,
    });
    expect(trainee.managerId).toBe(repA.id);
    await expectCode(
      w.crm.users.create(manager, { name: '越界', role: 'sales_rep', managerId: otherManager.id }),
      'PERMISSION_DENIED',
    );
    await expectCode(w.crm.users.create(manager, { name: '无上级', role: 'sales_rep' }), 'PERMISSION_DENIED');
    await expectCode(
      w.crm.users.create(manager, { name: '管理员', role: 'admin', managerId: manager.id }),
      'PERMISSION_DENIED',
    );
    const taken = await expectCode(
      w.crm.users.create(admin, { name: '重名', role: 'sales_rep', email: 'LI@example.com' }),
      'CONFLICT',
    );
    expect(taken.message).toContain('li@example.com');
    await expectInvalidField(
      w.crm.users.create(admin, { name: '坏邮箱', role: 'sales_rep', email: 'li@' }),
      'email',
    );
    const names = (await w.crm.users.list(admin)).map((u) => u.name);
    expect(names).toEqual(expect.arrayContaining(['销售员丁', '实习生']));
    expect(names).not.toContain('越界');
    expect(names).not.toContain('重名');
  });

  it('refuses to put a user under their own subordinate', async () => {
    const w = await world();
    const { admin, manager, repA, repB } = w.org;
    await expectInvalidField(w.crm.users.update(admin, manager.id, { managerId: repA.id }), 'managerId');
    await expectInvalidField(w.crm.users.update(admin, manager.id, { managerId: manager.id }), 'managerId');
    expect((await w.crm.users.get(admin, manager.id)).managerId).toBeNull();
    // A move inside the subtree is fine, and only for someone above the user: a peer may not.
    await expectCode(w.crm.users.update(repA, repB.id, { managerId: repA.id }), 'PERMISSION_DENIED');
    const moved = await w.crm.users.update(manager, repB.id, { managerId: repA.id });
    expect(moved).toMatchObject({ managerId: repA.id, version: 2 });
    // Now 甲 is above 乙, and 乙 may not move 甲 under themselves.
    await expectCode(w.crm.users.update(repB, repA.id, { managerId: repB.id }), 'PERMISSION_DENIED');
    await expectInvalidField(w.crm.users.update(manager, repA.id, { managerId: repB.id }), 'managerId');
  });

  it('deactivates a user, who then may do nothing at all', async () => {
    const w = await world();
    const { manager, repA, repB } = w.org;
    const lead = await w.crm.leads.capture(repA, storyLead());
    await expectCode(w.crm.users.deactivate(repB, repA.id), 'PERMISSION_DENIED');
    const gone = await w.crm.users.deactivate(manager, repA.id);
    expect(gone).toMatchObject({ active: false, deactivatedAt: w.clock.now(), version: 2 });
    await expectCode(w.crm.leads.capture(repA, storyLead()), 'PERMISSION_DENIED');
    await expectCode(w.crm.leads.qualify(repA, lead.id), 'PERMISSION_DENIED');
    await expectCode(w.crm.leads.list(repA), 'PERMISSION_DENIED');
    await expectCode(w.crm.reminders.due(repA), 'PERMISSION_DENIED');
    await expectCode(w.crm.leads.capture(manager, storyLead({ ownerId: repA.id })), 'PERMISSION_DENIED');
    // Their records stay, visible to the manager, until transferred.
    expect((await w.crm.leads.get(manager, lead.id)).ownerId).toBe(repA.id);
  });

  it('lets managers maintain the catalogue; reps may only read it', async () => {
    const w = await world();
    const { manager, repA, presales } = w.org;
    const scanner = await w.crm.products.create(manager, {
      sku: 'LS3408',
      name: 'Handheld laser scanner',
      category: 'handheld_laser',
      listPrice: cny(128_000),
    });
    expect(scanner).toMatchObject({ kind: 'standard', active: true, version: 1, listPrice: cny(128_000) });
    await expectCode(
      w.crm.products.create(repA, { sku: 'LS3608', name: 'Scanner', category: 'laser_scanner' }),
      'PERMISSION_DENIED',
    );
    await expectCode(
      w.crm.products.create(presales, { sku: 'LS3608', name: 'Scanner', category: 'laser_scanner' }),
      'PERMISSION_DENIED',
    );
    await expectCode(
      w.crm.products.create(manager, { sku: 'LS3408', name: 'Again', category: 'laser_scanner' }),
      'CONFLICT',
    );
    await expectInvalidField(
      w.crm.products.create(manager, { sku: 'LS 3408', name: 'x', category: 'y' }),
      'sku',
    );
    const repriced = await w.crm.products.update(manager, 'LS3408', {
      listPrice: cny(119_000),
      expectedVersion: 1,
    });
    expect(repriced).toMatchObject({ version: 2, listPrice: cny(119_000), name: 'Handheld laser scanner' });
    await expectCode(w.crm.products.update(repA, 'LS3408', { listPrice: cny(1) }), 'PERMISSION_DENIED');
    await expectCode(
      w.crm.products.update(manager, 'LS3408', { name: 'stale', expectedVersion: 1 }),
      'CONCURRENCY',
    );
    await expectCode(w.crm.products.update(manager, 'NOPE-1', { name: 'x' }), 'NOT_FOUND');
    expect(await w.crm.products.get(repA, 'LS3408')).toEqual(repriced);
    expect((await w.crm.products.list(repA, { category: 'handheld_laser' })).items.map((p) => p.sku)).toEqual(
      ['LS3408'],
    );
  });
}
