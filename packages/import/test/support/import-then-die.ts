// A real crash: imports a file and SIGKILLs its own process right after batch `k` committed — no
// finally blocks, no connection closed, exactly like a server pulled from the rack.
//   node --conditions=source --import tsx import-then-die.ts <db> <file> <runId> <adminId> <k> <batch>
import { createCrm } from '@gongfu/core';
import { runImport } from '../../src/index.js';
import { openTarget } from './kill-target.js';

const [db = '', file = '', runId = '', adminId = '', k = '1', batch = '10'] = process.argv.slice(2);
const storage = await openTarget(db);
const crm = createCrm({ storage });
await runImport(
  crm,
  { id: adminId },
  {
    entity: 'account',
    runId,
    source: { path: file },
    batchSize: Number(batch),
    onProgress: (p) => {
      if (p.batches === Number(k)) process.kill(process.pid, 'SIGKILL');
    },
  },
);
console.log('finished without being killed');
