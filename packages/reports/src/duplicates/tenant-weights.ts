import { type Crm, type Instant, isCrmError, type StorageTx } from '@gongfu/core';
import { loadOpenDealsIn } from './deal-records.js';
import { DealDuplicateEngine } from './engine.js';
import type { DealRecord } from './types.js';
import { type DuplicateWeights, isDuplicateWeights } from './weights.js';

/** One stored estimate of the tenant's duplicate weights, and when it was made. */
export interface DuplicateWeightsVersion extends DuplicateWeights {
  estimatedAt: Instant;
}

/** The tenant's latest stored estimate, or null before the first (or when its shape is not this one's). */
export async function storedDuplicateWeights(tx: StorageTx): Promise<DuplicateWeightsVersion | null> {
  const row = await tx.dedupeWeights.latest();
  if (!row || !isDuplicateWeights(row.weights)) return null;
  return { ...row.weights, version: row.version, estimatedAt: row.estimatedAt };
}

/**
 * The last estimate each tenant's weights were decoded from, per storage. A stored version never
 * changes (the store appends only), so while the tenant's latest version is the one held the held
 * one is the stored one; a re-estimate appends a new version and the next read decodes that.
 * Reading and decoding the whole estimate was about a twentieth of every incremental check.
 */
const decoded = new WeakMap<object, Map<string, DuplicateWeightsVersion>>();

/** `storedDuplicateWeights`, decoded once per stored version (`decoded`). */
async function cachedDuplicateWeights(crm: Crm): Promise<DuplicateWeightsVersion | null> {
  let byTenant = decoded.get(crm.storage);
  if (byTenant === undefined) {
    byTenant = new Map();
    decoded.set(crm.storage, byTenant);
  }
  const held = byTenant.get(crm.tenantId);
  return crm.storage.transaction({ tenantId: crm.tenantId }, async (tx) => {
    if (held !== undefined && (await tx.dedupeWeights.latestVersion()) === held.version) return held;
    const stored = await storedDuplicateWeights(tx);
    if (stored === null) byTenant.delete(crm.tenantId);
    else byTenant.set(crm.tenantId, stored);
    return stored;
  });
}

/** How a re-estimate is made. */
export interface EstimateWeightsOptions {
  /**
   * Also fit m and λ by expectation–maximisation over the candidate pairs (`fitDuplicateWeights`),
   * stored with the estimate and used only when the fit describes duplicates. Off by default: on
   * both benchmark generators the fit is rejected (it takes candidate pairs for duplicates by the
   * thousand) and costs a scan's CPU again (bench/RESULTS.md, helper h-dupq3), so a tenant pays
   * for it only when asked.
   */
  fit?: boolean;
}

/**
 * One tenant's weights from its open deals: u among random and candidate pairs
 * (`estimateDuplicateWeights`) and, with `fit`, m and λ by expectation–maximisation.
 */
export function estimateTenantWeights(
  deals: readonly DealRecord[],
  version: number,
  options: EstimateWeightsOptions = {},
): DuplicateWeights {
  return { ...estimatingEngine(deals, options).weights(), version };
}

function estimatingEngine(
  deals: readonly DealRecord[],
  options: EstimateWeightsOptions,
): DealDuplicateEngine {
  return new DealDuplicateEngine(deals, { fitWeights: options.fit ?? false });
}

/**
 * An estimate this call made, with the engine that made it and the deals it read: a scan of the
 * same deals scans with that engine (`DealDuplicateEngine.adoptWeights`) rather than building one
 * again. Held only for the call: at 1M deals an engine is gigabytes.
 */
export interface FreshEstimate {
  weights: DuplicateWeightsVersion;
  engine: DealDuplicateEngine;
  deals: readonly DealRecord[];
}

/**
 * Estimates the tenant's duplicate weights afresh from all its open deals (`estimateTenantWeights`)
 * and stores them as the next version; every scan and check after this
 * weighs with them. Call it on demand (after a large import) or on a schedule
 * (`refreshDuplicateWeights` does only what is due). Two at once: one stores, the other's version
 * is taken and it returns the stored one.
 */
export async function reestimateDuplicateWeights(
  crm: Crm,
  options: EstimateWeightsOptions = {},
): Promise<DuplicateWeightsVersion> {
  const made = await reestimate(crm, options);
  return 'engine' in made ? made.weights : made;
}

/** `reestimateDuplicateWeights`, keeping what made the estimate when this call stored it. */
async function reestimate(
  crm: Crm,
  options: EstimateWeightsOptions,
): Promise<FreshEstimate | DuplicateWeightsVersion> {
  try {
    return await crm.storage.transaction({ tenantId: crm.tenantId }, async (tx) => {
      const latest = await tx.dedupeWeights.latest();
      const deals = await loadOpenDealsIn(tx, { kind: 'all' });
      const version = (latest?.version ?? 0) + 1;
      const engine = estimatingEngine(deals, options);
      const weights = { ...engine.weights(), version };
      const estimatedAt = crm.clock.now();
      await tx.dedupeWeights.append({ version, weights, estimatedAt });
      return { weights: { ...weights, estimatedAt }, engine, deals };
    });
  } catch (error) {
    if (!isCrmError(error, 'CONFLICT')) throw error;
    // Another re-estimate stored this version first: its estimate is as fresh as this one.
    const stored = await crm.storage.transaction({ tenantId: crm.tenantId }, storedDuplicateWeights);
    if (!stored) throw error;
    return stored;
  }
}

export interface RefreshWeightsOptions extends EstimateWeightsOptions {
  /** Re-estimate when the stored estimate is older than this (default 7 days). */
  maxAgeMs?: number;
}

const WEEK_MS = 7 * 24 * 3600 * 1000;

/**
 * What a scheduler calls (nightly, say): the stored estimate if it is recent enough, else a fresh
 * one. A tenant's first scan or check calls it too, so weights exist before anything is weighed.
 */
export async function refreshDuplicateWeights(
  crm: Crm,
  options: RefreshWeightsOptions = {},
): Promise<DuplicateWeightsVersion> {
  const stored = await cachedDuplicateWeights(crm);
  const maxAge = options.maxAgeMs ?? WEEK_MS;
  if (stored && Date.parse(crm.clock.now()) - Date.parse(stored.estimatedAt) < maxAge) return stored;
  return reestimateDuplicateWeights(crm, options.fit === undefined ? {} : { fit: options.fit });
}

/** The stored estimate, made first if the tenant has none: what every scan and check weighs with. */
export async function ensureDuplicateWeights(crm: Crm): Promise<DuplicateWeightsVersion> {
  return refreshDuplicateWeights(crm, { maxAgeMs: Number.POSITIVE_INFINITY });
}

/**
 * `ensureDuplicateWeights` for a full scan: the stored estimate, or — when this call made the first
 * — the estimate with the engine that made it, for the scan to weigh with (`FreshEstimate`).
 */
export async function weightsForScan(crm: Crm): Promise<FreshEstimate | DuplicateWeightsVersion> {
  return (await cachedDuplicateWeights(crm)) ?? reestimate(crm, {});
}
