/** The worker thread of a parallel scan (`scan-threads.ts`): scores the share it is sent and posts the pairs back. */
import { parentPort } from 'node:worker_threads';
import { type ScanShare, type ScanShareResult, scoreShare, WORKER_LOADED } from './scan-threads.js';

parentPort?.once('message', (share: ScanShare) => {
  let answer: ScanShareResult;
  try {
    answer = scoreShare(share);
  } catch (e) {
    answer = { error: e instanceof Error ? e.message : String(e) };
  }
  const moved =
    'error' in answer ? [] : [answer.pairs.buffer as ArrayBuffer, answer.scores.buffer as ArrayBuffer];
  parentPort?.postMessage(answer, moved);
});
// Loaded: a scan that leaves this worker no chunk still knows it could have scored one.
parentPort?.postMessage(WORKER_LOADED);
