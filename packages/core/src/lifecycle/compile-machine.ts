import { type AnyActorScope, type AnyStateMachine, createActor, setup } from 'xstate';
import type { Text } from '../kernel/message.js';
import { type Decision, refused } from './decision.js';
import { buildEffect, type LifecycleEffect } from './effects.js';
import type { LifecycleEvent, MachineSpec } from './machine-spec.js';

/** Facts are the only context: a decision is a function of (state, facts, event) and nothing else. */
interface DecisionContext {
  facts: unknown;
}
type AnyLifecycleEvent = { type: string } & Record<string, unknown>;

export interface CompiledMachine<S extends string, F, E extends LifecycleEvent> {
  readonly spec: MachineSpec<S, F, E>;
  /** The xstate machine, for inspection and visualisation; advance it only through `decide`. */
  readonly machine: AnyStateMachine;
  decide(from: S, facts: F, event: E): Decision<S>;
}

const emit = (_: unknown, _effect: LifecycleEffect): void => {};

type ExecutableAction = Parameters<AnyActorScope['actionExecutor']>[0];

/**
 * xstate's pure `transition(machine, snapshot, event)` with its inert actor scope made once per
 * machine instead of on every call: building that scope (an actor, whose constructor computes the
 * initial snapshot, and a system) was 80 % of a decision's CPU time. Safe to share because the
 * machines are flat, spawn and invoke nothing, and `machine.transition` is synchronous: each call
 * collects its own actions and hands them back before the next can start.
 */
function inertScope(machine: AnyStateMachine) {
  const self = createActor(machine);
  let sink: ExecutableAction[] = [];
  const scope: AnyActorScope = {
    self,
    id: '',
    sessionId: '',
    system: self.system,
    logger: () => {},
    defer: () => {},
    emit: () => {},
    stopChild: () => {},
    actionExecutor: (action) => {
      sink.push(action);
    },
  };
  return {
    transition(snapshot: ReturnType<AnyStateMachine['resolveState']>, event: AnyLifecycleEvent) {
      const actions: ExecutableAction[] = [];
      sink = actions;
      const next = machine.transition(snapshot, event, scope);
      return [next, actions] as const;
    },
  };
}

/**
 * Compiles a declared table into an xstate machine, once. For every state and every event the
 * compiled transitions are, in order: for each matching row, one refusal per gate (guarded by
 * `gateBlocks`) then the move itself (guarded by `rowSelected`); last, an unguarded refusal that
 * asks `spec.explain` why. Because that fallback always exists, "no `refuse` action" reliably
 * means "accepted", including self-transitions that leave the state unchanged.
 */
export function compileMachine<S extends string, F, E extends LifecycleEvent>(
  spec: MachineSpec<S, F, E>,
): CompiledMachine<S, F, E> {
  const gates = new Map(spec.gates.map((gate) => [gate.id, gate]));
  for (const row of spec.rows) {
    for (const id of row.gates) {
      // A typo in a table is a programming error: fail at module load, not on some later decision.
      if (!gates.has(id)) {
        throw new Error(`${spec.id}: row ${row.from} -${row.event}-> ${row.to} names no gate ${id}`);
      }
    }
  }
  const rowAt = (index: number) => spec.rows[index]!;
  const selected = (index: number, facts: unknown, event: AnyLifecycleEvent): boolean => {
    const when = rowAt(index).when;
    return when === undefined || when(facts as F, event as unknown as E);
  };

  const logic = setup({
    types: {} as { context: DecisionContext; events: AnyLifecycleEvent },
    guards: {
      rowSelected: ({ context, event }, params: { row: number }) =>
        selected(params.row, context.facts, event),
      gateBlocks: ({ context, event }, params: { row: number; gate: string }) =>
        selected(params.row, context.facts, event) &&
        !gates.get(params.gate)!.check(context.facts as F, event as unknown as E),
    },
    actions: {
      refuse: (_: unknown, _params: { reason: Text; gate: string | null }) => {},
      stageEntered: emit,
      closedWon: emit,
      closedLost: emit,
      reopened: emit,
      converted: emit,
      disqualified: emit,
      followUpReset: emit,
      cancelled: emit,
      resolved: emit,
      frozen: emit,
    },
  });

  type Config = Parameters<typeof logic.createMachine>[0];
  type StateConfig = NonNullable<Config['states']>[string];
  type Candidates = NonNullable<StateConfig['on']>[string];
  const states: Record<string, StateConfig> = {};
  for (const state of spec.states) {
    const on: Record<string, Candidates> = {};
    for (const type of spec.events) {
      const candidates: Exclude<Candidates, string | undefined | readonly unknown[]>[] = [];
      spec.rows.forEach((row, index) => {
        if (row.from !== state || row.event !== type) return;
        for (const gate of row.gates) {
          candidates.push({
            guard: { type: 'gateBlocks', params: { row: index, gate } },
            actions: { type: 'refuse', params: { reason: gates.get(gate)!.reason, gate } },
          });
        }
        candidates.push({
          guard: { type: 'rowSelected', params: { row: index } },
          target: row.to,
          actions: row.effects.map((effect) => ({
            type: effect,
            params: ({ event }: { event: AnyLifecycleEvent }) => buildEffect(effect, row.to, event),
          })),
        });
      });
      candidates.push({
        actions: {
          type: 'refuse',
          params: ({ context, event }) => ({
            reason: spec.explain(state, event as unknown as E, context.facts as F),
            gate: null,
          }),
        },
      });
      on[type] = candidates;
    }
    states[state] = { on };
  }
  const machine = logic.createMachine({
    id: spec.id,
    initial: spec.initial,
    context: { facts: null },
    states,
  });

  const stateSet = new Set<string>(spec.states);
  const eventSet = new Set<string>(spec.events);
  const scope = inertScope(machine);
  return {
    spec,
    machine,
    decide(from, facts, event) {
      const type = typeof event?.type === 'string' ? event.type : String(event?.type);
      if (!stateSet.has(from)) return refused(from, type, spec.unknownState(from));
      if (!eventSet.has(type)) return refused(from, type, spec.unknownEvent(type));
      const snapshot = machine.resolveState({ value: from, context: { facts } });
      const [next, actions] = scope.transition(snapshot, event as unknown as AnyLifecycleEvent);
      const effects: LifecycleEffect[] = [];
      for (const action of actions) {
        if (action.type === 'refuse') {
          const { reason, gate } = action.params as { reason: Text; gate: string | null };
          return refused(from, type, reason, gate);
        }
        effects.push(action.params as LifecycleEffect);
      }
      // Flat machines only: a state value is always a plain string.
      return { ok: true, from, to: next.value as unknown as S, effects };
    },
  };
}
