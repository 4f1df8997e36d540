import pl, { type DataFrame } from "nodejs-polars";
import { tenantRolesFromEvents } from "../anaplan/entitlements/tenant-roles-from-events.js";
import { ARCHIVE_DATASETS, type ArchiveDatasetName } from "./archive-datasets.js";
import type { ArchiveAnaplanSource, ArchiveEpmSource } from "./archive-sources.js";
import { listPartitions } from "./partition-files.js";
import { readVerifiedPartition } from "./read-verified-partition.js";
import { type SyncContext, saveDatasetState } from "./sync-context.js";
import { utcDay } from "./utc-day.js";
import { writeSnapshot } from "./write-snapshot.js";

/**
 * What the entitlement snapshots of one sync gave: per dataset the day and rows written, or why it failed.
 *
 * @example
 * ```ts
 * const r: EntitlementSnapshotResult = { written: { epmEntitlements: { snapshot: "2026-11-02", rows: 40 } }, failed: [] };
 * ```
 */
export interface EntitlementSnapshotResult {
  written: Partial<Record<ArchiveDatasetName, { snapshot: string; rows: number }>>;
  /** One line per snapshot that could not be taken ("anaplanEntitlements 2026-11-02: …"). */
  failed: string[];
}

/**
 * Takes today's entitlement snapshot of each configured source (after the events and reports,
 * which stay archived whatever happens here). Anaplan's snapshot includes the tenant and model
 * roles replayed from ALL archived events (source `derived`; without a baseline they lack roles
 * held since before the first archived event, so `derivedCompleteFrom` is not recorded). A failed call (missing role, HTTP error) is recorded
 * in the manifest's `failedSnapshots` and reported as a warning; the sync goes on.
 *
 * @param ctx - the run
 * @param sources - the Anaplan source (with the users frame fetched) and the EPM source
 * @returns what was written and what failed
 * @example
 * ```ts
 * const r = await syncEntitlementSnapshots(ctx, { anaplan, users, epm });
 * r.failed //=> []
 * ```
 */
export async function syncEntitlementSnapshots(
  ctx: SyncContext,
  sources: {
    anaplan?: ArchiveAnaplanSource | undefined;
    users?: DataFrame | undefined;
    epm?: ArchiveEpmSource | undefined;
  },
): Promise<EntitlementSnapshotResult> {
  const result: EntitlementSnapshotResult = { written: {}, failed: [] };
  const anaplan = sources.anaplan?.entitlements;
  if (anaplan) {
    await takeSnapshot(ctx, "anaplanEntitlements", result, async () => {
      const derived = await derivedRoles(ctx, sources.users);
      return anaplan.snapshot({ derivedRoles: derived });
    });
  }
  const epm = sources.epm?.entitlements;
  if (epm) await takeSnapshot(ctx, "epmEntitlements", result, () => epm.snapshot());
  return result;
}

/** Fetches and writes one snapshot; a failed fetch is recorded (manifest, warning), not thrown. */
async function takeSnapshot(
  ctx: SyncContext,
  name: "anaplanEntitlements" | "epmEntitlements",
  result: EntitlementSnapshotResult,
  fetch: () => Promise<DataFrame>,
): Promise<void> {
  const day = utcDay(ctx.now);
  let frame: DataFrame;
  try {
    frame = await fetch();
  } catch (error) {
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const failed = (ctx.manifest.datasets[name]?.failedSnapshots ?? []).filter((f) => f.day !== day);
    await saveDatasetState(ctx, name, { failedSnapshots: [...failed, { day, reason }] });
    const line = `${name} ${day}: snapshot not taken (${reason})`;
    await ctx.emit({
      step: "warning",
      dataset: name,
      message: `${line}; the events and reports synced are kept.`,
    });
    result.failed.push(line);
    return;
  }
  const written = await writeSnapshot(ctx, name, frame);
  const failed = ctx.manifest.datasets[name]?.failedSnapshots?.filter((f) => f.day !== day);
  if (failed && failed.length !== ctx.manifest.datasets[name]?.failedSnapshots?.length) {
    await saveDatasetState(ctx, name, { failedSnapshots: failed });
  }
  result.written[name] = { snapshot: written, rows: frame.height };
}

/** Tenant and model roles replayed from every archived event; records from which day they are complete. */
async function derivedRoles(ctx: SyncContext, users: DataFrame | undefined): Promise<DataFrame> {
  const dataset = ARCHIVE_DATASETS.events;
  const frames: DataFrame[] = [];
  for (const part of await listPartitions(ctx.archive, dataset)) {
    if (part.file) frames.push(await readVerifiedPartition(ctx, part.file, dataset.schema));
  }
  const events = frames.length > 0 ? pl.concat(frames) : pl.DataFrame({}, { schema: dataset.schema });
  const derived = tenantRolesFromEvents(events, users ? { users } : {});
  // Without a baseline (tenant roles have no public API) the replay knows only the roles the
  // archived events assigned: a role held since before the first archived event is missing, so
  // the history is never recorded as complete (derivedCompleteFrom stays unset, and readers say so).
  if (derived.complete && derived.completeFrom)
    await saveDatasetState(ctx, "anaplanEntitlements", { derivedCompleteFrom: derived.completeFrom });
  return derived.rows;
}
