/**
 * The worker thread of a parallel scan (`scan-threads.ts`): receives its share (the deals, while the
 * calling thread estimates the weights), then the weights and floor, scores, and posts the pairs back.
 */
import { parentPort } from 'node:worker_threads';
import {
  type ScanGo,
  type ScanShare,
  type ScanShareResult,
  scoreShare,
  WORKER_LOADED,
} from './scan-threads.js';

parentPort?.once('message', (share: ScanShare) => {
  parentPort?.once('message', (go: ScanGo) => {
    let answer: ScanShareResult;
    try {
      answer = scoreShare(share, go);
    } catch (e) {
      answer = { error: e instanceof Error ? e.message : String(e) };
    }
    const moved =
      'error' in answer ? [] : [answer.pairs.buffer as ArrayBuffer, answer.scores.buffer as ArrayBuffer];
    parentPort?.postMessage(answer, moved);
  });
});
// Loaded: a scan that leaves this worker no chunk still knows it could have scored one.
parentPort?.postMessage(WORKER_LOADED);
