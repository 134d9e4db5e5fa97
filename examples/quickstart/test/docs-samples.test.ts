import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * Every ```ts block of README.md and docs/*.md, typechecked against the packages' sources. Each
 * block is its own module; the free names a fragment leans on (`storage`, `crm`, a user, …) are
 * declared once below with their real types, so a call with a wrong argument still fails here.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const docs = [
  'README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

const PRELUDE = `import type { CaptureLeadInput, Crm, CrmStorage, User } from '@gongfu/core';
declare global {
  const storage: CrmStorage;
  const officeStorage: CrmStorage;
  const companyStorage: CrmStorage;
  const crm: Crm;
  const li: User;
  const rep: User;
  const jia: User;
  const admin: User;
  const dealId: string;
  const isCrmError: typeof import('@gongfu/core').isCrmError;
  const input: CaptureLeadInput;
  const createCrm: typeof import('@gongfu/core').createCrm;
  const postgresStorage: typeof import('@gongfu/storage-postgres').postgresStorage;
  function hostname(): string;
  function notify(userId: string, message: string): Promise<void>;
}
export {};
`;

interface Sample {
  doc: string;
  line: number;
  code: string;
}

export function extractSamples(doc: string, text: string): Sample[] {
  const samples: Sample[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== '```ts') continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end]!.trim() !== '```') end++;
    samples.push({ doc, line: start + 1, code: lines.slice(start, end).join('\n') });
    i = end;
  }
  return samples;
}

const dir = join(root, 'node_modules', '.cache', `gongfu-doc-samples-${process.pid}`);

describe('code samples in README.md and docs/*.md', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the samples, each block once', () => {
    const found = extractSamples(
      'x.md',
      'text\n```ts\nconst a = 1;\n```\n```sh\nls\n```\n```ts\nconst b = 2;\n```\n',
    );
    expect(found).toEqual([
      { doc: 'x.md', line: 3, code: 'const a = 1;' },
      { doc: 'x.md', line: 9, code: 'const b = 2;' },
    ]);
  });

  it('typechecks every TypeScript sample against the packages', async () => {
    const samples = docs.flatMap((doc) => extractSamples(doc, readFileSync(join(root, doc), 'utf8')));
    expect(samples.length).toBeGreaterThanOrEqual(10);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'prelude.ts'), PRELUDE);
    const names = new Map<string, Sample>();
    samples.forEach((s, i) => {
      const name = `sample-${String(i).padStart(3, '0')}.ts`;
      names.set(name, s);
      // A module of its own, so top-level await works and names do not clash between blocks.
      writeFileSync(join(dir, name), `${s.code}\nexport {};\n`);
    });
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        extends: relative(dir, join(root, 'tsconfig.base.json')),
        compilerOptions: { noEmit: true, declaration: false, sourceMap: false, noUnusedLocals: false },
        // The packages' own ambient declarations (e.g. for untyped dependencies) come along.
        include: ['*.ts', `${relative(dir, root)}/packages/*/src/**/*.d.ts`],
      }),
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await promisify(execFile)(
      process.execPath,
      [tsc, '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'],
      {
        cwd: root,
      },
    ).then(
      () => '',
      (e: { stdout?: string }) => e.stdout ?? String(e),
    );
    // Point each error at its doc and line, not at the temp file.
    const errors = result
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => {
        const m = /(sample-\d+\.ts)\((\d+),(\d+)\): (.*)/.exec(l);
        const s = m ? names.get(m[1]!) : undefined;
        return s && m ? `${s.doc}:${s.line + Number(m[2]) - 1}: ${m[4]}` : l;
      });
    expect(errors).toEqual([]);
  }, 240_000);
});
