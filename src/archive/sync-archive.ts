import { join, resolve } from "node:path";
import type { DataFrame } from "nodejs-polars";
import type { Instant } from "../frames/time-window.js";
import type { ArchiveDatasetName } from "./archive-datasets.js";
import { ArchiveError } from "./archive-error.js";
import { acquireArchiveLock } from "./archive-lock.js";
import { type ArchiveManifest, type ArchiveOrigin, MANIFEST_FILE, readManifest } from "./archive-manifest.js";
import type { ArchiveAnaplanSource, ArchiveEpmSource } from "./archive-sources.js";
import { cleanTempFiles } from "./clean-temp-files.js";
import { type DatasetSyncCounts, syncAnaplanEvents } from "./sync-anaplan-events.js";
import { createSyncContext } from "./sync-context.js";
import { EPM_HISTORY_REPORTS, syncEpmReport } from "./sync-epm-reports.js";
import type { SyncProgress } from "./sync-progress.js";
import { readInstant } from "./utc-day.js";
import { writeSnapshot } from "./write-snapshot.js";

/** Options of {@link syncArchive}. */
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
   * Labels of the sources, e.g. `{ anaplan: "https://audit.anaplan.com/audit/api/1" }`. The
   * first sync records them; a later sync with another label for the same system is refused,
   * so simulator data never mixes into a real tenant's archive. @default undefined (not checked)
   */
  origin?: ArchiveOrigin;
  /** How long to wait for another sync's lock before refusing. @default 0 (refuse at once) */
  lockWaitMs?: number;
  /** Called, and awaited, at each step. @default undefined */
  onProgress?: (progress: SyncProgress) => void | Promise<void>;
}

/** What a sync did. */
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
 *   `E_ARCHIVE_FOREIGN` naming a bad file; the clients' errors (the archive stays consistent)
 * @example
 * ```ts
 * const result = await syncArchive({ archive: "archive", anaplan, epm });
 * result.history.events //=> { fetched: 5120, added: 4870, from: "…", to: "…" }
 * ```
 */
export async function syncArchive(options: SyncArchiveOptions): Promise<SyncArchiveResult> {
  const archive = resolve(options.archive);
  const since = options.since === undefined ? Number.NEGATIVE_INFINITY : readInstant(options.since, "since");
  const onProgress = options.onProgress;
  const lockMessages: string[] = [];
  const lock = await acquireArchiveLock(archive, {
    waitMs: options.lockWaitMs ?? 0,
    onMessage: (message) => lockMessages.push(message),
  });
  try {
    const clock = options.now ?? Date.now;
    const now = clock();
    const ctx = createSyncContext({
      archive,
      now,
      clock,
      overlapMs: options.overlapMs ?? 7_200_000,
      since,
      manifest: await readManifest(archive),
      onProgress,
    });
    checkOrigin(ctx.manifest, options, join(archive, MANIFEST_FILE));
    await ctx.emit({ step: "locked", archive, message: `archive ${archive} locked` });
    for (const message of lockMessages) await ctx.emit({ step: "warning", message });
    const removedTempFiles = await cleanTempFiles(archive);
    await ctx.emit({
      step: "cleaned",
      removed: removedTempFiles,
      message: `removed ${removedTempFiles.length} leftover temporary file(s)`,
    });
    const result: SyncArchiveResult = {
      archive,
      now: new Date(now).toISOString(),
      history: {},
      snapshots: {},
      removedTempFiles,
      warnings: ctx.warnings,
    };
    const snapshot = async (name: ArchiveDatasetName, frame: DataFrame) => {
      result.snapshots[name] = { snapshot: await writeSnapshot(ctx, name, frame), rows: frame.height };
    };
    if (options.anaplan) {
      result.history.events = await syncAnaplanEvents(ctx, options.anaplan);
      await snapshot("users", await options.anaplan.audit.listUsers());
    }
    if (options.epm) {
      const epm = options.epm;
      for (const report of EPM_HISTORY_REPORTS) {
        result.history[report.dataset] = await syncEpmReport(ctx, epm, report);
      }
      await snapshot("roleAssignments", await epm.reports.roleAssignments());
      await snapshot("userGroups", await epm.reports.userGroups());
    }
    return result;
  } finally {
    await lock.release();
  }
}

/** Refuses data from another source than the archive's; records the source of a first sync. */
function checkOrigin(manifest: ArchiveManifest, options: SyncArchiveOptions, path: string): void {
  for (const system of ["anaplan", "epm"] as const) {
    const label = options.origin?.[system];
    if (!label || !options[system]) continue;
    const recorded = manifest.origin?.[system];
    if (recorded && recorded !== label) {
      throw new ArchiveError(
        "E_ARCHIVE_FOREIGN",
        `This archive holds ${system === "anaplan" ? "Anaplan" : "Oracle EPM"} data from ${recorded}, not from ${label} (${path}). Sync each source into its own --archive folder.`,
        path,
      );
    }
    manifest.origin = { ...manifest.origin, [system]: label };
  }
}
