import { realpath } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { DataFrame } from "nodejs-polars";
import type { Instant } from "../frames/time-window.js";
import type { ArchiveDatasetName } from "./archive-datasets.js";
import { ArchiveError } from "./archive-error.js";
import { archiveIoError } from "./archive-io-error.js";
import { type ArchiveLock, acquireArchiveLock } from "./archive-lock.js";
import { type ArchiveManifest, type ArchiveOrigin, MANIFEST_FILE, readManifest } from "./archive-manifest.js";
import type { ArchiveAnaplanSource, ArchiveEpmSource } from "./archive-sources.js";
import { checkWatermarksNotAfter } from "./check-manifest.js";
import { cleanTempFiles } from "./clean-temp-files.js";
import { settleChecksums } from "./settle-checksums.js";
import { type DatasetSyncCounts, syncAnaplanEvents } from "./sync-anaplan-events.js";
import { createSyncContext, persistManifest, type SyncContext } from "./sync-context.js";
import { syncEntitlementSnapshots } from "./sync-entitlement-snapshots.js";
import { EPM_HISTORY_REPORTS, syncEpmReport } from "./sync-epm-reports.js";
import type { SyncProgress } from "./sync-progress.js";
import { readInstant } from "./utc-day.js";
import { writeSnapshot } from "./write-snapshot.js";

/**
 * Options of {@link syncArchive}.
 *
 * @example
 * ```ts
 * const options: SyncArchiveOptions = { archive: "./audit-archive", anaplan: new AnaplanClient(anaplanOptions), epm: new EpmClient(epmOptions) };
 * ```
 */
export interface SyncArchiveOptions {
  /** The archive folder (created on the first run). */
  archive: string;
  /** Anaplan client: events and a users snapshot are archived. @default undefined (skip Anaplan) */
  anaplan?: ArchiveAnaplanSource;
  /** Oracle EPM client: the audit reports and the current-state snapshots are archived. @default undefined (skip EPM) */
  epm?: ArchiveEpmSource;
  /** The current time, epoch ms (tests bind it to the simulator's clock). @default Date.now */
  now?: () => number;
  /** How far before the watermark to ask again, for events that arrive late. @default 7_200_000 (2 h) */
  overlapMs?: number;
  /**
   * Fetch nothing older than this, even on a first sync (which otherwise takes all the APIs
   * still hold: 30 days of events, 90–120 days of EPM reports). A bare date is 00:00 UTC.
   * @default undefined (no limit)
   */
  since?: Instant;
  /**
   * Labels of the sources, e.g. `{ anaplan: "https://audit.anaplan.com/audit/api/1" }`. A
   * system's label is recorded once its first data is written (a run that fails before that
   * records nothing); a later sync with another label for the same system is refused, so
   * simulator data never mixes into a real tenant's archive. @default undefined (not checked)
   */
  origin?: ArchiveOrigin;
  /**
   * Accept a source label that differs from the recorded one (e.g. the tenant moved to a new
   * URL) and record the new one; the change is kept in the manifest's `originChanges` and
   * reported as a warning. Never implied. @default false
   */
  changeSource?: boolean;
  /** How long to wait for another sync's lock before refusing. @default 0 (refuse at once) */
  lockWaitMs?: number;
  /** Called, and awaited, at each step. @default undefined */
  onProgress?: (progress: SyncProgress) => void | Promise<void>;
}

/**
 * What a sync did.
 *
 * @example
 * ```ts
 * const result: SyncArchiveResult = await syncArchive(options);
 * console.log(result.history.events?.added, result.warnings);
 * ```
 */
export interface SyncArchiveResult {
  /** Absolute archive folder. */
  archive: string;
  /** The run's "now" (ISO). */
  now: string;
  /** Per history dataset: rows fetched and rows new to the archive. */
  history: Partial<Record<ArchiveDatasetName, DatasetSyncCounts>>;
  /** Per snapshot dataset: the snapshot day written and its row count. */
  snapshots: Partial<Record<ArchiveDatasetName, { snapshot: string; rows: number }>>;
  /** Stray temporary files of a killed run that were removed. */
  removedTempFiles: string[];
  /**
   * Files of an archive written before checksums existed, whose SHA-256 this run recorded as
   * they are now (damage from before cannot be detected; from now on it is). Usually empty.
   */
  adoptedChecksums: string[];
  /**
   * Entitlement snapshots that could not be taken this run, one line each (also in the
   * manifest's `failedSnapshots` and the warnings): the archive is incomplete for that day.
   */
  failedSnapshots: string[];
  /** Gaps and stale-lock takeovers, as messages. */
  warnings: string[];
}

/**
 * Brings a local Parquet archive up to date: Anaplan events since the watermark (with an
 * overlap for late events, deduplicated by id), the EPM audit reports since their last covered
 * day, and today's snapshots of users, role assignments and user groups. Crash-safe: every
 * file is written to a temporary file, fsynced and renamed; watermarks move only after the
 * data is durable; killing a run at any point and running again gives the same archive as an
 * uninterrupted run. One sync at a time per archive (`sync.lock`).
 *
 * @param options - archive folder, clients, clock, overlap, progress
 * @returns counts per dataset
 * @throws ArchiveError `E_ARCHIVE_LOCKED` when another sync runs; `E_ARCHIVE_CORRUPT` /
 *   `E_ARCHIVE_FOREIGN` / `E_ARCHIVE_CHECKSUM` naming a bad file; `E_ARCHIVE_WATERMARK` for a
 *   malformed or future watermark; `E_ARCHIVE_SOURCE` for another source; `E_ARCHIVE_SYMLINK`
 *   for a link inside the archive; `E_ARCHIVE_IO` for a refused read or write (disk full,
 *   read-only, a file in the way), naming the path; the clients' errors (the archive stays consistent)
 * @example
 * ```ts
 * const result = await syncArchive({ archive: "archive", anaplan, epm });
 * result.history.events //=> { fetched: 5120, added: 4870, from: "…", to: "…" }
 * ```
 */
export async function syncArchive(options: SyncArchiveOptions): Promise<SyncArchiveResult> {
  const given = resolve(options.archive);
  const since = options.since === undefined ? Number.NEGATIVE_INFINITY : readInstant(options.since, "since");
  const lockMessages: string[] = [];
  let lock: ArchiveLock;
  try {
    lock = await acquireArchiveLock(given, {
      waitMs: options.lockWaitMs ?? 0,
      onMessage: (message) => lockMessages.push(message),
    });
  } catch (error) {
    throw archiveIoError(error, given, "lock the archive at");
  }
  try {
    const ctx = await openRun(options, await realpath(given), since);
    for (const message of lockMessages) await ctx.emit({ step: "warning", message });
    const result = await prepareArchive(ctx);
    await syncSources(ctx, options, result);
    return result;
  } catch (error) {
    throw archiveIoError(error, given, "update the archive");
  } finally {
    await lock.release();
  }
}

/** Reads and checks the manifest, checks the sources, and creates the run's context. */
async function openRun(options: SyncArchiveOptions, archive: string, since: number): Promise<SyncContext> {
  const clock = options.now ?? Date.now;
  const now = clock();
  const manifest = await readManifest(archive);
  const manifestPath = join(archive, MANIFEST_FILE);
  checkWatermarksNotAfter(manifest, now, manifestPath);
  const origin = checkOrigin(manifest, options, manifestPath);
  const ctx = createSyncContext({
    archive,
    now,
    clock,
    overlapMs: options.overlapMs ?? 7_200_000,
    since,
    manifest,
    origin,
    onProgress: options.onProgress,
  });
  await ctx.emit({ step: "locked", archive, message: `archive ${archive} locked` });
  for (const system of ["anaplan", "epm"] as const) {
    const recorded = manifest.origin?.[system];
    if (options.changeSource && recorded && origin[system] && origin[system] !== recorded) {
      await ctx.emit({
        step: "warning",
        message: `${systemName(system)} source changes from ${recorded} to ${origin[system]} (changeSource); the archive keeps the data of both, and the change is recorded in ${manifestPath}.`,
      });
    }
  }
  return ctx;
}

/** Removes a killed run's temporary files and settles the checksums; the result skeleton. */
async function prepareArchive(ctx: SyncContext): Promise<SyncArchiveResult> {
  const removedTempFiles = await cleanTempFiles(ctx.archive);
  await ctx.emit({
    step: "cleaned",
    removed: removedTempFiles,
    message: `removed ${removedTempFiles.length} leftover temporary file(s)`,
  });
  const { adopted, changed } = await settleChecksums(ctx.archive, ctx.manifest);
  if (changed) await persistManifest(ctx);
  if (adopted.length > 0) {
    await ctx.emit({
      step: "warning",
      message: `Recorded the SHA-256 of ${adopted.length} Parquet file(s) written before the archive kept checksums; they are trusted as they are now, and any later change to them is detected.`,
    });
  }
  return {
    archive: ctx.archive,
    now: new Date(ctx.now).toISOString(),
    history: {},
    snapshots: {},
    removedTempFiles,
    adoptedChecksums: adopted,
    failedSnapshots: [],
    warnings: ctx.warnings,
  };
}

/** Syncs each configured system, history first, then the snapshots. */
async function syncSources(ctx: SyncContext, options: SyncArchiveOptions, result: SyncArchiveResult) {
  const snapshot = async (name: ArchiveDatasetName, frame: DataFrame) => {
    result.snapshots[name] = { snapshot: await writeSnapshot(ctx, name, frame), rows: frame.height };
  };
  let users: DataFrame | undefined;
  if (options.anaplan) {
    result.history.events = await syncAnaplanEvents(ctx, options.anaplan);
    users = await options.anaplan.audit.listUsers();
    await snapshot("users", users);
  }
  if (options.epm) {
    const epm = options.epm;
    for (const report of EPM_HISTORY_REPORTS) {
      result.history[report.dataset] = await syncEpmReport(ctx, epm, report);
    }
    await snapshot("roleAssignments", await epm.reports.roleAssignments());
    await snapshot("userGroups", await epm.reports.userGroups());
  }
  // Entitlement snapshots last: a failure there must not cost the events and reports above.
  const entitlements = await syncEntitlementSnapshots(ctx, {
    anaplan: options.anaplan,
    users,
    epm: options.epm,
  });
  Object.assign(result.snapshots, entitlements.written);
  result.failedSnapshots = entitlements.failed;
}

/**
 * Refuses data from another source than the one recorded for a system, unless the caller asked
 * for the change; returns the labels to record once each system's data is written.
 */
function checkOrigin(manifest: ArchiveManifest, options: SyncArchiveOptions, path: string): ArchiveOrigin {
  const origin: ArchiveOrigin = {};
  for (const system of ["anaplan", "epm"] as const) {
    const label = options.origin?.[system];
    if (!label || !options[system]) continue;
    const recorded = manifest.origin?.[system];
    if (recorded && recorded !== label && !options.changeSource) {
      const hasData = Object.keys(manifest.datasets).some((name) =>
        system === "anaplan" ? name === "events" || name === "users" : name !== "events" && name !== "users",
      );
      const held = hasData
        ? `holds ${systemName(system)} data from ${recorded}`
        : `recorded ${recorded} as its ${systemName(system)} source but holds no ${systemName(system)} data yet`;
      throw new ArchiveError(
        "E_ARCHIVE_SOURCE",
        `This archive ${held}, not from ${label} (${path}). Sync each source into its own --archive folder; or, if ${label} is the right source for this archive (the same tenant at a new address, or the recorded one was a mistake), run again with --change-source (syncArchive option changeSource: true).`,
        path,
      );
    }
    origin[system] = label;
  }
  return origin;
}

function systemName(system: "anaplan" | "epm"): string {
  return system === "anaplan" ? "Anaplan" : "Oracle EPM";
}
