import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

/**
 * The pure files: the kernel, the shared vocabulary, the access policy, the lifecycle engine, and in
 * each area its schemas, machine, effect table, reminder rules and line/stage/warranty rules. They must load without the service or the storage ports, so they can
 * be property-tested alone and run anywhere (a browser form validating with the same schemas).
 */
const PURE: Record<string, RegExp> = {
  kernel: /\.ts$/,
  domain: /\.ts$/,
  access: /\.ts$/,
  lifecycle: /\.ts$/,
  'sales/accounts': /^(account|contact|account-search)\.ts$/,
  'sales/activities': /^(activity(-(machine|effects|reminders))?|calendar-range|link-filters)\.ts$/,
  'sales/config': /^(tenant-config|vocabulary|config-messages)\.ts$/,
  'sales/costs': /^cost(-(filter|total))?\.ts$/,
  'sales/demo-loans': /^demo-loan(-reminders)?\.ts$/,
  'sales/duplicates': /^duplicate\.ts$/,
  'sales/history': /^history\.ts$/,
  'sales/leads': /^lead(-(machine|effects|reminders|facts))?\.ts$/,
  'sales/opportunities': /^opportunity(-(machine|effects|reminders|rules|pipelines))?\.ts$/,
  'sales/orders': /^order(-(machine|effects|reminders|lines))?\.ts$/,
  'sales/org': /^(user|user-management)\.ts$/,
  'sales/ownership': /^(transfer-schema|plan-transfer|authorize-transfer)\.ts$/,
  'sales/products': /^product\.ts$/,
  'sales/reminders':
    /^(desired-reminder|local-time|reconcile|reminder|reminder-config|reminder-draft|reminder-state|stored-reminder)\.ts$/,
  'sales/service-cases': /^service-case(-(machine|effects|rules))?\.ts$/,
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

describe('pure files: the kernel, vocabulary, access policy, lifecycle engine and each area’s rules', () => {
  it('are found (the patterns still match the tree)', () => {
    expect(pureFiles.length).toBeGreaterThanOrEqual(60);
    expect(pureFiles).toContain('sales/leads/lead-machine.ts');
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
