import { defineConfig } from 'tsup';

const common = {
  format: ['esm', 'cjs'] as ('esm' | 'cjs')[],
  dts: true,
  sourcemap: true,
  target: 'node20' as const,
};

// Two builds, as in core: the testing kit imports the package by name, so it stays outside the main
// bundle and its declarations do not share a hashed chunk with the public types.
export default defineConfig([
  { ...common, entry: { index: 'src/index.ts' }, clean: true },
  {
    ...common,
    entry: { 'testing/index': 'src/testing/index.ts' },
    clean: false,
    external: ['@gongfu/core', '@gongfu/storage-postgres', 'pg', '@electric-sql/pglite'],
  },
]);
