#!/usr/bin/env node
import { runCli } from './cli/run-cli.js';

// No top-level await: tsup also emits this entry as CommonJS.
void runCli(process.argv.slice(2), {
  out: (text) => console.log(text),
  err: (text) => console.error(text),
}).then((code) => {
  process.exitCode = code;
});
