import { type FieldIssue, fieldIssue, message, ValidationError } from '@gongfu/core';

/** The options every duplicate scan shares (deals, accounts, contacts). */
export interface CommonScanOptions {
  limit?: number;
  minScore?: number;
  onProgress?: unknown;
}

/** Refuses a bad limit, score or progress callback, naming each field (the kernel's input keys). */
export function checkScanOptions(options: CommonScanOptions): void {
  const issues: FieldIssue[] = [];
  const { limit, minScore, onProgress } = options;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 10_000))
    issues.push(fieldIssue('limit', message('input.wholeNumberBetween', { min: 1, max: 10_000 })));
  if (minScore !== undefined && !Number.isFinite(minScore))
    issues.push(fieldIssue('minScore', message('input.finiteNumber')));
  if (onProgress !== undefined && typeof onProgress !== 'function')
    issues.push(fieldIssue('onProgress', message('input.function')));
  if (issues.length > 0) throw new ValidationError(issues);
}
