import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const here = import.meta.dirname;
const example = readFileSync(resolve(here, 'mount-api.example.ts'), 'utf8');

/** The first ts block after the marker comment naming the example file. */
function blockAfterMarker(markdown: string): string {
  const at = markdown.indexOf('mount-api.example.ts:');
  expect(at).toBeGreaterThan(-1);
  const match = /```ts\n([\s\S]*?)```/.exec(markdown.slice(at));
  return match?.[1] ?? '';
}

describe('the README', () => {
  it.each([
    ['the repository README', resolve(here, '../../../../README.md')],
    ["the package's README", resolve(here, '../../README.md')],
  ])('%s mounts the API in ten lines: the typechecked example file, verbatim', (_, file) => {
    const block = blockAfterMarker(readFileSync(file, 'utf8'));
    expect(block).toBe(example);
    expect(block.trim().split('\n')).toHaveLength(10);
  });
});
