import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { typecheckIsolated } from '../support/typecheck-isolated.js';

const here = import.meta.dirname;
const file = resolve(here, 'extending-the-model.isolated.ts');
/** The sample as the README shows it: the file without its first (formatter) line. */
const sample = readFileSync(file, 'utf8').split('\n').slice(1).join('\n');

describe('the README’s "Extending the model"', () => {
  it('shows the compiled sample verbatim: two custom fields and a four-stage pipeline in under twenty lines', () => {
    const readme = readFileSync(resolve(here, '../../../../README.md'), 'utf8');
    const at = readme.indexOf('extending-the-model.isolated.ts:');
    expect(at).toBeGreaterThan(-1);
    const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(at))?.[1] ?? '';
    expect(block).toBe(sample);
    expect(block.trim().split('\n').length).toBeLessThan(20);
  });

  it('compiles as an app would write it', () => {
    expect(typecheckIsolated(file)).toEqual([]);
  }, 120_000);
});
