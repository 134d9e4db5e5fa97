import type { Profiler } from 'node:inspector';

/** A frame as the summaries name it: function, file below `packages/` or `node_modules/`, line. */
function frameName(f: Profiler.ProfileNode['callFrame']): string {
  return `${f.functionName || '(anon)'} ${f.url.replace(/.*\/(packages|node_modules)\//, '')}:${f.lineNumber + 1}`;
}

/**
 * Busy samples of a CPU profile by function: `self` where the sample was taken, `inclusive` once
 * for every distinct named frame on its stack (async continuations start new stacks, so an async
 * function's inclusive time counts only up to its first await). Idle samples are left out of both.
 */
export function profileTimes(profile: Profiler.Profile): {
  self: Map<string, number>;
  inclusive: Map<string, number>;
  busy: number;
} {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const counts = new Map<number, number>();
  for (const s of profile.samples ?? []) counts.set(s, (counts.get(s) ?? 0) + 1);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let busy = 0;
  for (const [id, c] of counts) {
    const f = byId.get(id)?.callFrame;
    if (f === undefined || f.functionName === '(idle)') continue;
    self.set(frameName(f), (self.get(frameName(f)) ?? 0) + c);
    busy += c;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame === undefined || frame.functionName === '' || frame.functionName.startsWith('(')) continue;
      const name = frameName(frame);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + c);
    }
  }
  return { self, inclusive, busy };
}
