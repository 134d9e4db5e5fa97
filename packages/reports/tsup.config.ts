import { defineConfig } from 'tsup';

export default defineConfig({
  // The parallel scan's worker is its own entry, beside the modules that start it (`scan-threads.ts`).
  entry: { index: 'src/index.ts', cli: 'src/cli.ts', 'scan-worker': 'src/duplicates/scan-worker.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  // `import.meta.url` in the CommonJS build too: it finds the worker's file.
  shims: true,
});
