import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

/**
 * The pure files of the converted areas: schemas, machines, effect tables, reminder rules and
 * line/stage/warranty rules. They must load without the service or the storage ports, so they can
 * be property-tested alone and run anywhere (a browser form validating with the same schemas).
 */
const PURE: Record<string, RegExp> = {
  'sales/opportunities': /^opportunity(-(machine|effects|reminders|rules|pipelines))?\.ts$/,
  'sales/orders': /^order(-(machine|effects|reminders|lines))?\.ts$/,
  'sales/service-cases': /^service-case(-(machine|effects|rules))?\.ts$/,
  'sales/duplicates': /^duplicate\.ts$/,
};

/**
 * Modules a file loads at run time. `import type` and `export type` vanish in the build; any other
 * import does not — with `verbatimModuleSyntax`, even `import { type A }` still loads its module.
 */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/^(import|export)\s+(type\s+)?[^;]*?from\s+'([^']+)'/gms)) {
    if (!m[2] && m[3]!.startsWith('.')) found.push(resolve(dirname(file), m[3]!.replace(/\.js$/, '.ts')));
  }
  return found;
}

/** Every source file `file` loads at run time, directly or through others. */
function closure(file: string, seen = new Set<string>()): Set<string> {
  for (const dep of runtimeImports(file)) {
    if (seen.has(dep)) continue;
    seen.add(dep);
    closure(dep, seen);
  }
  return seen;
}

const pureFiles = Object.entries(PURE).flatMap(([dir, pattern]) =>
  readdirSync(join(SRC, dir))
    .filter((name) => pattern.test(name))
    .map((name) => `${dir}/${name}`),
);

describe('pure files of the opportunity, order, service-case and duplicate areas', () => {
  it('are found (the patterns still match the tree)', () => {
    expect(pureFiles.length).toBeGreaterThanOrEqual(15);
    expect(pureFiles).toContain('sales/orders/order-lines.ts');
    expect(pureFiles).toContain('sales/opportunities/opportunity-pipelines.ts');
  });

  it.each(pureFiles)('%s loads nothing from service/ or storage/ at run time', (file) => {
    const loaded = [...closure(join(SRC, file))].map((f) => relative(SRC, f));
    expect(loaded.filter((f) => f.startsWith('service/') || f.startsWith('storage/'))).toEqual([]);
  });

  it('would notice an I/O file among them (control)', () => {
    const loaded = [...closure(join(SRC, 'sales/orders/order-flow.ts'))].map((f) => relative(SRC, f));
    expect(loaded).toContain('service/entities.ts');
  });
});
