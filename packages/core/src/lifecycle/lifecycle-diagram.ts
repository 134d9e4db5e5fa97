import type { AnyStateMachine } from 'xstate';

interface Candidate {
  guard?: { type: string; params?: { row?: number; gate?: string } };
  /** State nodes in the live definition (`{ key }`), `#machine.state` ids once serialised. */
  target?: readonly (string | { key: string })[];
}

const stateKey = (target: string | { key: string }): string =>
  typeof target === 'string' ? target.slice(target.lastIndexOf('.') + 1) : target.key;

/** One accepted move of the machine: from, event, to, and the gates that guard it, in order. */
export interface DiagramEdge {
  from: string;
  event: string;
  to: string;
  gates: string[];
}

/**
 * The accepted moves of a machine compiled by `compileMachine`, read off the xstate definition that
 * runs — not off the declared table — so a diagram can never show a machine other than the one
 * that decides. Refusals (gate checks and the fallback explanation) are folded into their move's
 * gate list.
 */
export function lifecycleEdges(machine: AnyStateMachine): DiagramEdge[] {
  const edges: DiagramEdge[] = [];
  const states = machine.definition.states as Record<string, { on: Record<string, Candidate[]> }>;
  for (const [from, node] of Object.entries(states)) {
    for (const [event, candidates] of Object.entries(node.on)) {
      const gatesOf = new Map<number, string[]>();
      for (const c of candidates) {
        const { row, gate } = c.guard?.params ?? {};
        if (c.guard?.type === 'gateBlocks' && row !== undefined && gate) {
          gatesOf.set(row, [...(gatesOf.get(row) ?? []), gate]);
        }
        if (c.target?.[0] !== undefined) {
          const to = stateKey(c.target[0]);
          edges.push({ from, event, to, gates: row === undefined ? [] : (gatesOf.get(row) ?? []) });
        }
      }
    }
  }
  return edges;
}

/**
 * A Mermaid `stateDiagram-v2` of a lifecycle machine. Moves between the same two states are merged
 * into one arrow whose label lists the events; gates follow their event in brackets.
 */
export function lifecycleDiagram(machine: AnyStateMachine): string {
  const initial = String(machine.config.initial);
  const labels = new Map<string, string[]>();
  for (const edge of lifecycleEdges(machine)) {
    const key = `${edge.from}\u0000${edge.to}`;
    const label = edge.gates.length > 0 ? `${edge.event} [${edge.gates.join(', ')}]` : edge.event;
    const list = labels.get(key) ?? [];
    if (!list.includes(label)) list.push(label);
    labels.set(key, list);
  }
  const lines = ['stateDiagram-v2', `  [*] --> ${initial}`];
  for (const [key, list] of labels) {
    const [from, to] = key.split('\u0000');
    lines.push(`  ${from} --> ${to}: ${list.join(' / ')}`);
  }
  return lines.join('\n');
}
