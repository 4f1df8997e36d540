import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import pl, { type LazyDataFrame } from "nodejs-polars";
import type { Instant } from "../frames/time-window.js";
import {
  ARCHIVE_DATASETS,
  type DailyDataset,
  type FrameSchema,
  type SnapshotDataset,
} from "./archive-datasets.js";
import { ArchiveError } from "./archive-error.js";
import { type ArchiveManifest, readManifest } from "./archive-manifest.js";
import { listPartitions, type PartitionEntry, scanPartitionFile } from "./partition-files.js";
import { readInstant, utcDay } from "./utc-day.js";

/** Options of {@link readArchive}. */
export interface ReadArchiveOptions {
  /** Start, included. A bare date is 00:00 UTC. @default the beginning of the archive */
  from?: Instant;
  /** End, excluded; a bare date `YYYY-MM-DD` includes that whole day. @default the end of the archive */
  to?: Instant;
}

/** The archive's frames, lazily: nothing is read until you `collect()`. */
export interface ArchiveFrames {
  /** Anaplan events with eventDate in the range (the events frame's schema). */
  events: LazyDataFrame;
  /** The users snapshot nearest the end of the range: the latest taken on or before `to`, else the earliest. */
  users: LazyDataFrame;
  /** EPM group assignment audit rows in the range. */
  groupAssignmentAudit: LazyDataFrame;
  /** EPM role assignment audit rows in the range. */
  roleAssignmentAudit: LazyDataFrame;
  /** EPM invalid login rows in the range. */
  invalidLogins: LazyDataFrame;
  /** EPM user login rows in the range. */
  userLogins: LazyDataFrame;
  /** EPM role assignments snapshot nearest the end of the range (like `users`). */
  roleAssignments: LazyDataFrame;
  /** EPM user groups snapshot nearest the end of the range (like `users`). */
  userGroups: LazyDataFrame;
  /** Every snapshot taken in the range, with a `snapshot` Date column first: who had what, when. */
  snapshots: { users: LazyDataFrame; roleAssignments: LazyDataFrame; userGroups: LazyDataFrame };
  /** The watermarks and gaps: what the archive covers. */
  manifest: ArchiveManifest;
}

/**
 * Opens an archive for analysis: LazyFrames over exactly the day partitions the range needs,
 * each file checked (footer and columns) first, so a year of history is filtered without
 * loading it and a corrupt or foreign file is reported by name before any query runs.
 *
 * @param dir - the archive folder
 * @param options - the time range
 * @returns lazy frames per dataset (zero-row frames with the full schema where there is no data)
 * @throws {@link ArchiveError} `E_ARCHIVE_MISSING`, `E_ARCHIVE_CORRUPT`, `E_ARCHIVE_FOREIGN` (naming the file)
 * @throws ValidationError when `from` or `to` is not a time
 * @example
 * ```ts
 * const archive = await readArchive("archive", { from: "2026-01-01", to: "2026-12-31" });
 * const logins = await archive.events.filter(pl.col("eventTypeId").eq(pl.lit("USR-8"))).collect();
 * ```
 */
export async function readArchive(dir: string, options: ReadArchiveOptions = {}): Promise<ArchiveFrames> {
  const archive = resolve(dir);
  const info = await stat(archive).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new ArchiveError(
      "E_ARCHIVE_MISSING",
      `No archive folder at ${archive}. Create one with: npm run sync -- --archive ${dir}`,
      archive,
    );
  }
  const range = toRange(options);
  const manifest = await readManifest(archive);
  const daily = (d: DailyDataset) => readDaily(archive, d, range);
  const latest = (d: SnapshotDataset) => readLatestSnapshot(archive, d, range);
  const snapshots = {
    users: await readSnapshots(archive, ARCHIVE_DATASETS.users, range),
    roleAssignments: await readSnapshots(archive, ARCHIVE_DATASETS.roleAssignments, range),
    userGroups: await readSnapshots(archive, ARCHIVE_DATASETS.userGroups, range),
  };
  return {
    events: await daily(ARCHIVE_DATASETS.events),
    users: await latest(ARCHIVE_DATASETS.users),
    groupAssignmentAudit: await daily(ARCHIVE_DATASETS.groupAssignmentAudit),
    roleAssignmentAudit: await daily(ARCHIVE_DATASETS.roleAssignmentAudit),
    invalidLogins: await daily(ARCHIVE_DATASETS.invalidLogins),
    userLogins: await daily(ARCHIVE_DATASETS.userLogins),
    roleAssignments: await latest(ARCHIVE_DATASETS.roleAssignments),
    userGroups: await latest(ARCHIVE_DATASETS.userGroups),
    snapshots,
    manifest,
  };
}

/** The range in epoch ms (undefined: open) and the first and last partition days it touches. */
interface Range {
  from: number | undefined;
  to: number | undefined;
  firstDay: string;
  lastDay: string;
}

function toRange(options: ReadArchiveOptions): Range {
  const from = options.from === undefined ? undefined : readInstant(options.from, "from");
  const to = options.to === undefined ? undefined : readInstant(options.to, "to", true);
  return {
    from,
    to,
    firstDay: from === undefined ? "0000-01-01" : utcDay(from),
    lastDay: to === undefined ? "9999-12-31" : utcDay(to - 1),
  };
}

async function readDaily(archive: string, dataset: DailyDataset, range: Range): Promise<LazyDataFrame> {
  const parts = (await listPartitions(archive, dataset)).filter(
    (p) => p.value >= range.firstDay && p.value <= range.lastDay,
  );
  let frame = concatScans(parts, dataset.schema);
  const column = pl.col(dataset.dateColumn);
  if (range.from !== undefined) frame = frame.filter(column.gtEq(utcLiteral(range.from)));
  if (range.to !== undefined) frame = frame.filter(column.lt(utcLiteral(range.to)));
  return frame;
}

async function readLatestSnapshot(
  archive: string,
  dataset: SnapshotDataset,
  range: Range,
): Promise<LazyDataFrame> {
  const parts = (await listPartitions(archive, dataset)).filter((p) => p.file);
  const pick = parts.filter((p) => p.value <= range.lastDay).at(-1) ?? parts[0];
  return concatScans(pick ? [pick] : [], dataset.schema);
}

async function readSnapshots(
  archive: string,
  dataset: SnapshotDataset,
  range: Range,
): Promise<LazyDataFrame> {
  const parts = (await listPartitions(archive, dataset)).filter(
    (p) => p.file && p.value >= range.firstDay && p.value <= range.lastDay,
  );
  const schema: FrameSchema = { snapshot: pl.Date, ...dataset.schema };
  if (parts.length === 0) return pl.DataFrame({}, { schema }).lazy();
  return pl.concat(
    parts.map((p) =>
      scanPartitionFile(p.file!, dataset.schema).select(
        pl.lit(p.value).str.strptime(pl.Date, "%Y-%m-%d").alias("snapshot"),
        pl.all(),
      ),
    ),
  );
}

function concatScans(parts: PartitionEntry[], schema: FrameSchema): LazyDataFrame {
  const scans = parts.flatMap((p) => (p.file ? [scanPartitionFile(p.file, schema)] : []));
  if (scans.length === 0) return pl.DataFrame({}, { schema }).lazy();
  return scans.length === 1 ? scans[0]! : pl.concat(scans);
}

function utcLiteral(ms: number) {
  return pl.lit(ms).cast(pl.Int64).cast(pl.Datetime("ms")).dt.replaceTimeZone("UTC");
}
