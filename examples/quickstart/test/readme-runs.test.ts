import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = join(root, 'node_modules', '.cache', `gongfu-readme-run-${process.pid}`);

/**
 * The README's first sample ("What it feels like") is what a newcomer pastes first: it must not
 * only compile (docs-samples) but run as written, on a fresh embedded database, and end where its
 * comment says — the solution stage refused for want of a presales engineer.
 */
describe('the README’s first sample', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('runs as written on a fresh SQLite database and prints the refusal its comment promises', async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const at = readme.indexOf('## What it feels like');
    expect(at).toBeGreaterThan(-1);
    const code = /```ts\n([\s\S]*?)```/.exec(readme.slice(at))?.[1] ?? '';
    expect(code).toContain("filename: 'sales.db'");
    mkdirSync(dir, { recursive: true });
    // .mts: an ES module wherever it sits, so the sample's top-level await runs.
    const file = join(dir, 'what-it-feels-like.mts');
    // The same code on a database of its own, so the run neither needs nor leaves a file behind.
    writeFileSync(file, `${code.replace("filename: 'sales.db'", "filename: ':memory:'")}\nexport {};\n`);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', '--conditions=source', file],
      { cwd: root },
    );
    expect(stdout.trim()).toBe('needs a presales engineer on the deal team');
  }, 120_000);
});
