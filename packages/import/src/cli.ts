#!/usr/bin/env node
import { runImportCli } from './cli/run-import-cli.js';

// No top-level await: tsup also emits this entry as CommonJS.
void runImportCli(process.argv.slice(2), {
  out: (text) => console.log(text),
  err: (text) => console.error(text),
}).then((code) => {
  process.exitCode = code;
});
