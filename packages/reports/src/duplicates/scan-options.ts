import { type FieldIssue, fieldIssue, message, ValidationError } from '@gongfu/core';
import { sayDuplicate } from './duplicate-messages.js';

/** The most threads a scan is given. */
export const MAX_THREADS = 64;

/** The options every duplicate scan shares (deals, accounts, contacts). */
export interface CommonScanOptions {
  limit?: number;
  minScore?: number;
  onProgress?: unknown;
  /** The deal scan's threads (`DuplicateScanOptions.threads`). */
  threads?: unknown;
}

/** Refuses a bad limit, score or progress callback, naming each field (the kernel's input keys). */
export function checkScanOptions(options: CommonScanOptions): void {
  const issues: FieldIssue[] = [];
  const { limit, minScore, onProgress, threads } = options;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 10_000))
    issues.push(fieldIssue('limit', message('input.wholeNumberBetween', { min: 1, max: 10_000 })));
  if (minScore !== undefined && !Number.isFinite(minScore))
    issues.push(fieldIssue('minScore', message('input.finiteNumber')));
  if (onProgress !== undefined && typeof onProgress !== 'function')
    issues.push(fieldIssue('onProgress', message('input.function')));
  if (
    threads !== undefined &&
    threads !== 'auto' &&
    !(Number.isInteger(threads) && (threads as number) >= 1 && (threads as number) <= MAX_THREADS)
  )
    issues.push(fieldIssue('threads', sayDuplicate('duplicate.scan.threads', { min: 1, max: MAX_THREADS })));
  if (issues.length > 0) throw new ValidationError(issues);
}
