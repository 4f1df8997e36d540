import { realpath, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import pl, { type LazyDataFrame } from "nodejs-polars";
import { ValidationError } from "../errors/validation-error.js";
import type { Instant } from "../frames/time-window.js";
import { type ChecksumCheck, sha256OfFile, verifyChecksum } from "./archive-checksums.js";
import { type ArchiveCoverage, historyCoverage, snapshotCoverage } from "./archive-coverage.js";
import {
  ARCHIVE_DATASETS,
  type ArchiveDatasetName,
  type DailyDataset,
  type FrameSchema,
  type SnapshotDataset,
} from "./archive-datasets.js";
import { ArchiveError } from "./archive-error.js";
import { archiveIoError } from "./archive-io-error.js";
import { type ArchiveManifest, readManifest } from "./archive-manifest.js";
import { listPartitions, type PartitionEntry, scanPartitionFile } from "./partition-files.js";
import { GLOB_SYNTAX, scanDays } from "./scan-days.js";
import { readInstant, utcDay } from "./utc-day.js";

/**
 * Options of {@link readArchive}.
 *
 * @example
 * ```ts
 * const options: ReadArchiveOptions = { from: "2026-03-01", to: "2026-04-01" };
 * ```
 */
export interface ReadArchiveOptions {
  /** Start, included. A bare date is 00:00 UTC. @default the beginning of the archive */
  from?: Instant;
  /** End, excluded; a bare date `YYYY-MM-DD` includes that whole day. Must be after `from`. @default the end of the archive */
  to?: Instant;
}

/** What {@link readArchive} checked of the files it will read. */
export interface ArchiveChecksumReport {
  /** Files whose SHA-256 matched the manifest's record. */
  verified: number;
  /**
   * Files that could not be checked because the archive was written before it kept checksums
   * (or its manifest.json was deleted): the next sync records their checksums as they are then.
   * Empty for an archive with checksums.
   */
  unverified: string[];
}

/**
 * The archive's frames, lazily: nothing is read until you `collect()`.
 *
 * @example
 * ```ts
 * const frames: ArchiveFrames = await readArchive("./audit-archive", { from: "2026-03-01" });
 * const events = await frames.events.collect();
 * ```
 */
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
  /**
   * Anaplan entitlement snapshots (ENTITLEMENT_SCHEMA with a `snapshot` YYYY-MM-DD text column
   * first): every snapshot inside the range plus the latest one before it (the baseline), so
   * the changes of the range's first day can be computed. See `entitlementCoverage`.
   */
  anaplanEntitlements: LazyDataFrame;
  /** Oracle EPM entitlement snapshots, like `anaplanEntitlements`. */
  epmEntitlements: LazyDataFrame;
  /** Per entitlement dataset: the snapshot days read, the baseline day, and the failed days in the range. */
  entitlementCoverage: Record<"anaplanEntitlements" | "epmEntitlements", EntitlementSnapshotCoverage>;
  /**
   * Per entitlement dataset, the one snapshot nearest the end of the range (like `users`): the
   * latest taken on or before `to`, else the earliest after it; with the `snapshot` column, zero
   * rows when the archive holds none. What "who holds what now" questions read.
   */
  latestEntitlements: Record<"anaplanEntitlements" | "epmEntitlements", LazyDataFrame>;
  /** Every snapshot taken in the range, with a `snapshot` Date column first: who had what, when. */
  snapshots: { users: LazyDataFrame; roleAssignments: LazyDataFrame; userGroups: LazyDataFrame };
  /** The watermarks and gaps: what the archive covers. */
  manifest: ArchiveManifest;
  /**
   * Per dataset, which part of the requested window the archive holds: covered spans and gaps
   * (history datasets), or which snapshot is used and whether it lies in the window. A report
   * must say "incomplete" for every dataset whose `complete` is false.
   */
  coverage: ArchiveCoverage;
  /** The files read, checked against their SHA-256 before any query runs. */
  checksums: ArchiveChecksumReport;
}

/**
 * Opens an archive for analysis: LazyFrames over exactly the day partitions the range needs,
 * each file checked first (SHA-256 against manifest.json, then footer and columns), so a year
 * of history is filtered without loading it and a damaged, corrupt or foreign file is reported
 * by name before any query runs. Checking reads every file of the range once (streamed).
 * `coverage` says, per dataset, which part of the window the archive holds.
 *
 * @param dir - the archive folder
 * @param options - the time range
 * @returns lazy frames per dataset (zero-row frames with the full schema where there is no data), coverage, checksums
 * @throws {@link ArchiveError} `E_ARCHIVE_MISSING`, `E_ARCHIVE_CHECKSUM`, `E_ARCHIVE_CORRUPT`,
 *   `E_ARCHIVE_FOREIGN`, `E_ARCHIVE_SYMLINK`, `E_ARCHIVE_WATERMARK`, `E_ARCHIVE_IO` (naming the file)
 * @throws ValidationError when `from` or `to` is not a time, or the window is empty or inverted
 * @example
 * ```ts
 * const archive = await readArchive("archive", { from: "2026-01-01", to: "2026-12-31" });
 * if (!archive.coverage.events.complete) console.warn(archive.coverage.events.note);
 * const logins = await archive.events.filter(pl.col("eventTypeId").eq(pl.lit("USR-8"))).collect();
 * ```
 */
export async function readArchive(dir: string, options: ReadArchiveOptions = {}): Promise<ArchiveFrames> {
  const range = toRange(options);
  const archive = await openArchiveFolder(dir);
  try {
    const manifest = await readManifest(archive);
    const reader = new CheckedReader(archive, manifest);
    const daily = (d: DailyDataset) => readDaily(reader, d, range);
    const latest = (d: SnapshotDataset) => readLatestSnapshot(reader, d, range);
    const snapshots = {
      users: await readSnapshots(reader, ARCHIVE_DATASETS.users, range),
      roleAssignments: await readSnapshots(reader, ARCHIVE_DATASETS.roleAssignments, range),
      userGroups: await readSnapshots(reader, ARCHIVE_DATASETS.userGroups, range),
    };
    const anaplanEnt = await readEntitlementSnapshots(reader, "anaplanEntitlements", range);
    const epmEnt = await readEntitlementSnapshots(reader, "epmEntitlements", range);
    return {
      anaplanEntitlements: anaplanEnt.frame,
      epmEntitlements: epmEnt.frame,
      entitlementCoverage: { anaplanEntitlements: anaplanEnt.coverage, epmEntitlements: epmEnt.coverage },
      latestEntitlements: {
        anaplanEntitlements: await readLatestEntitlements(reader, "anaplanEntitlements", range),
        epmEntitlements: await readLatestEntitlements(reader, "epmEntitlements", range),
      },
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
      coverage: await coverageOf(archive, manifest, range),
      checksums: { verified: reader.verified, unverified: reader.unverified.sort() },
    };
  } catch (error) {
    throw archiveIoError(error, archive, "read");
  }
}

/** The archive folder's real path, or E_ARCHIVE_MISSING. */
async function openArchiveFolder(dir: string): Promise<string> {
  const archive = resolve(dir);
  const info = await stat(archive).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT" || error.code === "ENOTDIR") return undefined;
    throw archiveIoError(error, archive, "open");
  });
  if (!info?.isDirectory()) {
    throw new ArchiveError(
      "E_ARCHIVE_MISSING",
      `No archive folder at ${archive}. Create one with: npm run sync -- --archive ${dir}`,
      archive,
    );
  }
  return realpath(archive);
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
  if (from !== undefined && to !== undefined && from >= to) {
    const show = (ms: number) => new Date(ms).toISOString();
    throw new ValidationError(
      `The window is ${from > readInstant(options.to!, "to") ? "inverted" : "empty"}: from ${String(options.from)} (${show(from)}) is not before to ${String(options.to)} (${show(to)}, excluded). Give a start before the end; a bare end date such as 2026-11-30 includes that whole day.`,
    );
  }
  return {
    from,
    to,
    firstDay: from === undefined ? "0000-01-01" : utcDay(from),
    lastDay: to === undefined ? "9999-12-31" : utcDay(to - 1),
  };
}

/** Checks each file against the manifest's SHA-256 before it is scanned (once per file), and counts. */
class CheckedReader {
  verified = 0;
  readonly unverified: string[] = [];
  readonly #checked = new Set<string>();

  constructor(
    readonly archive: string,
    readonly manifest: ArchiveManifest,
  ) {}

  async scan(file: string, schema: FrameSchema): Promise<LazyDataFrame> {
    if (!this.#checked.has(file)) {
      const check = await this.#verify(file, await sha256OfFile(file));
      if (check === "verified") this.verified += 1;
      else this.unverified.push(file);
      this.#checked.add(file);
    }
    return scanPartitionFile(file, schema);
  }

  /**
   * A sync running meanwhile records a file's new checksum before it renames the file into
   * place: a mismatch with the manifest read at the start is checked once more against the
   * manifest as it is now, so a concurrent sync is not mistaken for damage.
   */
  async #verify(file: string, actual: string): Promise<ChecksumCheck> {
    try {
      return verifyChecksum(this.archive, this.manifest, file, actual);
    } catch (error) {
      if (
        !(error instanceof ArchiveError) ||
        !["E_ARCHIVE_CHECKSUM", "E_ARCHIVE_FOREIGN"].includes(error.code)
      )
        throw error;
      const current = await readManifest(this.archive);
      return verifyChecksum(this.archive, current, file, actual);
    }
  }

  async concat(parts: PartitionEntry[], schema: FrameSchema): Promise<LazyDataFrame> {
    const scans: LazyDataFrame[] = [];
    for (const p of parts) if (p.file) scans.push(await this.scan(p.file, schema));
    if (scans.length === 0) return pl.DataFrame({}, { schema }).lazy();
    return scans.length === 1 ? scans[0]! : pl.concat(scans);
  }
}

async function readDaily(reader: CheckedReader, dataset: DailyDataset, range: Range): Promise<LazyDataFrame> {
  const parts = (await listPartitions(reader.archive, dataset)).filter(
    (p) => p.value >= range.firstDay && p.value <= range.lastDay,
  );
  let frame: LazyDataFrame;
  const root = join(reader.archive, dataset.path);
  if (GLOB_SYNTAX.test(root) || parts.length <= 1) frame = await reader.concat(parts, dataset.schema);
  else {
    for (const p of parts) if (p.file) await reader.scan(p.file, dataset.schema); // checksum and footer, file by file
    frame = scanDays(
      root,
      dataset.schema,
      range.from === undefined ? undefined : range.firstDay,
      range.to === undefined ? undefined : range.lastDay,
    );
  }
  const column = pl.col(dataset.dateColumn);
  if (range.from !== undefined) frame = frame.filter(column.gtEq(utcLiteral(range.from)));
  if (range.to !== undefined) frame = frame.filter(column.lt(utcLiteral(range.to)));
  return frame;
}

async function readLatestSnapshot(
  reader: CheckedReader,
  dataset: SnapshotDataset,
  range: Range,
): Promise<LazyDataFrame> {
  const parts = (await listPartitions(reader.archive, dataset)).filter((p) => p.file);
  const pick = parts.filter((p) => p.value <= range.lastDay).at(-1) ?? parts[0];
  return reader.concat(pick ? [pick] : [], dataset.schema);
}

async function readSnapshots(
  reader: CheckedReader,
  dataset: SnapshotDataset,
  range: Range,
): Promise<LazyDataFrame> {
  const parts = (await listPartitions(reader.archive, dataset)).filter(
    (p) => p.file && p.value >= range.firstDay && p.value <= range.lastDay,
  );
  const schema: FrameSchema = { snapshot: pl.Date, ...dataset.schema };
  if (parts.length === 0) return pl.DataFrame({}, { schema }).lazy();
  const scans: LazyDataFrame[] = [];
  for (const p of parts) {
    const scan = await reader.scan(p.file!, dataset.schema);
    scans.push(scan.select(pl.lit(p.value).str.strptime(pl.Date, "%Y-%m-%d").alias("snapshot"), pl.all()));
  }
  return pl.concat(scans);
}

async function coverageOf(
  archive: string,
  manifest: ArchiveManifest,
  range: Range,
): Promise<ArchiveCoverage> {
  const coverage = {} as ArchiveCoverage;
  for (const [name, dataset] of Object.entries(ARCHIVE_DATASETS) as Array<
    [ArchiveDatasetName, (typeof ARCHIVE_DATASETS)[ArchiveDatasetName]]
  >) {
    if (dataset.kind === "daily") {
      coverage[name] = historyCoverage(name, manifest.datasets[name], range.from, range.to);
    } else {
      const days = (await listPartitions(archive, dataset)).filter((p) => p.file).map((p) => p.value);
      coverage[name] = snapshotCoverage(name, days, range.from, range.to);
    }
  }
  return coverage;
}

function utcLiteral(ms: number) {
  return pl.lit(ms).cast(pl.Int64).cast(pl.Datetime("ms")).dt.replaceTimeZone("UTC");
}

/**
 * Which entitlement snapshots a read returned: the days (baseline first), the baseline (the
 * latest snapshot before the range, or null), the days inside the range whose snapshot failed,
 * and, for Anaplan, the day from which the derived (event-replayed) roles are complete.
 *
 * @example
 * ```ts
 * const c: EntitlementSnapshotCoverage = { days: ["2026-10-31", "2026-11-01"], baseline: "2026-10-31", failed: [], derivedCompleteFrom: null };
 * ```
 */
export interface EntitlementSnapshotCoverage {
  days: string[];
  baseline: string | null;
  failed: Array<{ day: string; reason: string }>;
  derivedCompleteFrom: string | null;
}

/** The entitlement snapshot nearest the end of the range, with a `snapshot` text column first. */
async function readLatestEntitlements(
  reader: CheckedReader,
  name: "anaplanEntitlements" | "epmEntitlements",
  range: Range,
): Promise<LazyDataFrame> {
  const dataset = ARCHIVE_DATASETS[name];
  const parts = (await listPartitions(reader.archive, dataset)).filter((p) => p.file);
  const pick = parts.filter((p) => p.value <= range.lastDay).at(-1) ?? parts[0];
  if (!pick) return pl.DataFrame({}, { schema: { snapshot: pl.Utf8, ...dataset.schema } }).lazy();
  const scan = await reader.scan(pick.file!, dataset.schema);
  return scan.select(pl.lit(pick.value).cast(pl.Utf8).alias("snapshot"), pl.all());
}

/** The entitlement snapshots inside the range plus the baseline before it, with a `snapshot` text column first. */
async function readEntitlementSnapshots(
  reader: CheckedReader,
  name: "anaplanEntitlements" | "epmEntitlements",
  range: Range,
): Promise<{ frame: LazyDataFrame; coverage: EntitlementSnapshotCoverage }> {
  const dataset = ARCHIVE_DATASETS[name];
  const all = (await listPartitions(reader.archive, dataset)).filter((p) => p.file);
  const before = all.filter((p) => p.value < range.firstDay).at(-1);
  const inside = all.filter((p) => p.value >= range.firstDay && p.value <= range.lastDay);
  const parts = before ? [before, ...inside] : inside;
  const schema: FrameSchema = { snapshot: pl.Utf8, ...dataset.schema };
  const scans: LazyDataFrame[] = [];
  for (const p of parts) {
    const scan = await reader.scan(p.file!, dataset.schema);
    scans.push(scan.select(pl.lit(p.value).cast(pl.Utf8).alias("snapshot"), pl.all()));
  }
  const state = reader.manifest.datasets[name];
  const failed = (state?.failedSnapshots ?? []).filter(
    (f) => f.day >= range.firstDay && f.day <= range.lastDay,
  );
  return {
    frame: scans.length === 0 ? pl.DataFrame({}, { schema }).lazy() : pl.concat(scans),
    coverage: {
      days: parts.map((p) => p.value),
      baseline: before?.value ?? null,
      failed,
      derivedCompleteFrom: state?.derivedCompleteFrom ?? null,
    },
  };
}
