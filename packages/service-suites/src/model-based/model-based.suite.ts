import type { CrmStorage } from '@gongfu/core';
import { orgUsersArbitrary } from '@gongfu/core/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StorageFactory } from '../support/harness.js';
import { tenantSnapshot } from '../tenants/tenant-snapshot.js';
import type { Model } from './model-based-model.js';
import { runScriptedScenario } from './model-based-scenario.js';
import { prologueArbitrary, type Step, stepArbitraries } from './model-based-steps.js';
import { expectHistoryAndTeams, expectVisibility } from './model-based-verify.js';
import { type ModelWorld, openModelWorld, runStep } from './model-based-world.js';

export { runScriptedScenario } from './model-based-scenario.js';

/**
 * One generated command as fast-check sees it. `run` checks, after the step: the refusal code (or
 * acceptance) the model predicted; that a refused command changed nothing at all; that every user
 * lists and gets exactly what the model lets them see, in the model's state; and that history and
 * team rows agree with the model.
 */
class StepCommand implements fc.AsyncCommand<Model, ModelWorld> {
  constructor(
    readonly step: Step,
    private readonly seen: Map<string, Set<string>>,
  ) {}

  check(): boolean {
    return true;
  }

  async run(model: Model, world: ModelWorld): Promise<void> {
    const before = await tenantSnapshot(world.storage, world.tenantId);
    const outcome = await runStep(world, model, this.step);
    if (!outcome) return;
    const at = outcome.label;
    this.seen.set(this.step.t, (this.seen.get(this.step.t) ?? new Set()).add(outcome.actual));
    expect(outcome.actual, `${at}: outcome`).toBe(outcome.expected);
    if (outcome.actual !== 'ok') {
      expect(await tenantSnapshot(world.storage, world.tenantId), `${at}: a refusal wrote something`).toEqual(
        before,
      );
    }
    await expectVisibility(world, model, new Set(outcome.touched), at);
    await expectHistoryAndTeams(world, model, at);
  }

  toString(): string {
    return JSON.stringify(this.step);
  }
}

const ALWAYS_ACCEPTED = [
  'capture',
  'quote',
  'logContact',
  'convert',
  'advance',
  'win',
  'addMember',
  'schedule',
  'transfer',
];
const MODEL_SEED = Number(process.env.GONGFU_MODEL_SEED ?? 20261128);
const REFUSALS = ['CONCURRENCY', 'INVALID_TRANSITION', 'NOT_FOUND', 'PERMISSION_DENIED', 'VALIDATION'];

export function describeModelBasedService(makeStorage: StorageFactory): void {
  describe('the service against a pure model (model-based)', () => {
    let storage: CrmStorage;
    beforeAll(async () => {
      storage = await makeStorage();
    });
    afterAll(() => storage.close());

    it('generated commands by generated actors in a generated org agree with the model after every step', async () => {
      // Step type → the outcomes actually seen, to prove the generator reaches what it claims to test.
      const seen = new Map<string, Set<string>>();
      // fc.commands picks its arbitraries uniformly, so a weight is a number of copies.
      const commandArbitraries = stepArbitraries.flatMap(({ arbitrary, weight }) =>
        Array.from({ length: weight }, () => arbitrary.map((step) => new StepCommand(step, seen))),
      );
      await fc.assert(
        fc.asyncProperty(
          orgUsersArbitrary(7).filter((users) => users.length >= 3),
          prologueArbitrary,
          fc.commands(commandArbitraries, { maxCommands: 30, size: 'max' }),
          async (users, prologue, commands) => {
            const { world, model } = await openModelWorld(storage, users);
            for (const step of prologue) await new StepCommand(step, seen).run(model, world);
            await fc.asyncModelRun(() => ({ model, real: world }), commands);
            // Finally every user asks for every record by id.
            const every = new Set(
              [...model.leads, ...model.opportunities, ...model.activities, ...model.costs].map((r) => r.id),
            );
            await expectVisibility(world, model, every, 'final sweep');
          },
        ),
        // A fixed seed keeps CI deterministic: the coverage checks below are statements about what this
        // generator reached, and about 1 seed in 4 misses one of them. Explore others with GONGFU_MODEL_SEED.
        { numRuns: 30, seed: MODEL_SEED },
      );
      // Rarer moves (recycle, reopen, …) are reached in most runs but not all, so only these are required.
      const accepted = [...seen].filter(([, outcomes]) => outcomes.has('ok')).map(([t]) => t);
      for (const t of ALWAYS_ACCEPTED) expect(accepted, `no ${t} was ever accepted`).toContain(t);
      const refused = new Set([...seen.values()].flatMap((outcomes) => [...outcomes]));
      for (const code of REFUSALS) expect(refused, `no step was refused with ${code}`).toContain(code);
    }, 120_000);

    it('the scripted scenario is deterministic for a seed', async () => {
      for (const seed of [1, 7, 42]) {
        const a = await runScriptedScenario(storage, seed);
        expect(await runScriptedScenario(storage, seed)).toEqual(a);
        expect(a.outcomes.length).toBeGreaterThanOrEqual(20);
      }
      const other = await runScriptedScenario(storage, 2);
      expect(other.outcomes).not.toEqual((await runScriptedScenario(storage, 3)).outcomes);
    });
  });
}
