import { defineConfig } from 'tsup';

const common = {
  format: ['esm', 'cjs'] as ('esm' | 'cjs')[],
  dts: true,
  sourcemap: true,
  target: 'node20' as const,
};

// Two builds, not two entries of one: with one build the declarations of both entries share a hashed
// chunk and the public types reach readers under minified aliases. The testing kit imports the
// package by name, so it stays outside the main bundle and `dist/index.d.ts` holds every public
// type under its own name with its TSDoc.
export default defineConfig([
  { ...common, entry: { index: 'src/index.ts' }, clean: true },
  {
    ...common,
    entry: { 'testing/index': 'src/testing/index.ts' },
    clean: false,
    external: ['@gongfu/core', 'vitest', 'fast-check'],
  },
]);
