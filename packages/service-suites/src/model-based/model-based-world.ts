import type { CrmStorage, OrgUser } from '@gongfu/core';
import { type Crm, createCrm, isCrmError, ManualClock, sequentialIds } from '@gongfu/core';
import { emptyModel, type Model } from './model-based-model.js';
import { planStep } from './model-based-plan.js';
import { SKUS, type Step } from './model-based-steps.js';

export interface ModelWorld {
  crm: Crm;
  clock: ManualClock;
  storage: CrmStorage;
  tenantId: string;
}

let worlds = 0;

/**
 * A fresh tenant holding the generated org: every user created by the system actor (managers
 * first), then the generated leavers deactivated. The model gets the same users under their real ids.
 */
export async function openModelWorld(
  storage: CrmStorage,
  generated: readonly OrgUser[],
  tenantId = `mb${Date.now().toString(36)}${(worlds++).toString(36)}`,
): Promise<{ world: ModelWorld; model: Model }> {
  const start = '2026-03-02T01:00:00.000Z';
  await storage.tenants.create({ id: tenantId, name: tenantId, createdAt: start });
  const clock = new ManualClock(start);
  const crm = createCrm({
    storage,
    tenant: tenantId,
    clock,
    ids: sequentialIds(),
    timeZone: 'Asia/Shanghai',
  });
  // Lines are checked against the catalogue (the default), so the generated SKUs are stocked.
  for (const sku of SKUS) await crm.products.create(crm.system, { sku, name: sku, category: 'misc' });
  const realId = new Map<string, string>();
  for (const [i, u] of generated.entries()) {
    const managerId = u.managerId === null ? null : realId.get(u.managerId)!;
    const created = await crm.users.create(crm.system, { name: `用户${i}`, role: u.role, managerId });
    realId.set(u.id, created.id);
  }
  for (const u of generated) if (!u.active) await crm.users.deactivate(crm.system, realId.get(u.id)!);
  const users = generated.map((u) => ({
    ...u,
    id: realId.get(u.id)!,
    managerId: u.managerId === null ? null : realId.get(u.managerId)!,
  }));
  return { world: { crm, clock, storage, tenantId }, model: emptyModel(users) };
}

/** What one step did: the model's prediction and the real outcome (`ok` or an error code). */
export interface StepOutcome {
  label: string;
  expected: string;
  actual: string;
  /** Records the accepted command created or changed (per the model). */
  touched: string[];
}

/**
 * Plan the step against the model, run it against the store one minute after the previous one,
 * and apply it to the model when both sides accepted it. A thrown non-SDK error is a bug: rethrown.
 */
export async function runStep(world: ModelWorld, model: Model, step: Step): Promise<StepOutcome | null> {
  world.clock.advance(60_000);
  const plan = planStep(model, step, world.clock.now());
  if (!plan) return null;
  const expected = plan.expected ?? 'ok';
  let actual = 'ok';
  let result: unknown;
  try {
    result = await plan.run(world.crm);
  } catch (error) {
    if (!isCrmError(error)) throw new Error(`${plan.label} threw a non-SDK error`, { cause: error });
    actual = error.code;
  }
  const touched = actual === 'ok' && expected === 'ok' ? plan.apply(result) : [];
  return { label: plan.label, expected, actual, touched };
}
