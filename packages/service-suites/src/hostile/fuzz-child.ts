import { runFuzz } from './fuzz-run.js';
import type { FuzzChildMessage, FuzzChildStart, FuzzStorageModule } from './fuzz-watchdog.js';

/**
 * The fuzz child process (started by `runFuzzInChild`, loaded with tsx and the `source` condition):
 * opens its own storage from the engine's storage module, runs the generated calls and tells the
 * parent before each one, so a call that never returns is named by the parent's watchdog.
 */

/** Resolves once the message is handed to the IPC channel, so it is out before a call that may loop forever. */
function tell(message: FuzzChildMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    process.send?.(message, undefined, {}, (error) => (error ? reject(error) : resolve()));
  });
}

async function main(): Promise<void> {
  if (!process.send) throw new Error('fuzz-child.ts runs only as a forked child (runFuzzInChild)');
  // The parent gone (its test aborted), nobody is left to report to.
  process.on('disconnect', () => process.exit(1));
  const start = JSON.parse(process.argv[2] ?? '') as FuzzChildStart;
  const engine = (await import(start.storageModule)) as FuzzStorageModule;
  const storage = await engine.openFuzzStorage();
  try {
    await tell({ type: 'ready' });
    const summary = await runFuzz(storage, start.plan, {
      call: (index, name, args) => tell({ type: 'call', index, name, args }),
      scan: () => tell({ type: 'scan' }),
    });
    await tell({ type: 'done', summary });
  } finally {
    await storage.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  },
);
