import { readFileSync } from "node:fs";
import { realpath, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import pl, { type LazyDataFrame } from "nodejs-polars";
import { ANAPLAN_EVENT_TYPES } from "../frames/anaplan-event-types.js";
import type { HistoryCoverage, SnapshotCoverage } from "./archive-coverage.js";
import { ARCHIVE_DATASETS } from "./archive-datasets.js";
import type { ArchiveManifest } from "./archive-manifest.js";
import {
  ACCESS_CHANGE_CODES,
  addBatch,
  BATCH_COLUMNS,
  concatOf,
  emptyPartials,
  mergeLastSignInEvents,
  mergeLastSignIns,
  mergeMonthUsers,
  mergeSignIns,
  mergeTopObjects,
  mergeTopUsers,
  PRIVILEGED_EVENT_COLUMNS,
  type SummaryPartials,
  withPartial,
} from "./archive-summary-plans.js";
import { listPartitions } from "./partition-files.js";
import {
  type ArchiveChecksumReport,
  type ArchiveFrames,
  type ReadArchiveOptions,
  readArchive,
} from "./read-archive.js";
import { releaseFrames } from "./release-frames.js";
import { GLOB_SYNTAX, scanDays } from "./scan-days.js";
import { readInstant, utcDay } from "./utc-day.js";

/**
 * Options of {@link archiveSummary}.
 *
 * @example
 * ```ts
 * const options: ArchiveSummaryOptions = { from: "2025-12-01", to: "2026-11-30", topObjects: 50 };
 * ```
 */
export interface ArchiveSummaryOptions extends ReadArchiveOptions {
  /** How many of the most touched objects to keep. @default 100 */
  topObjects?: number | undefined;
  /**
   * The most bytes of Parquet files read and reduced at a time, from a local archive: a batch
   * takes whole days of one calendar month until the next day's file would take it over this
   * (a larger day is a batch of its own). The peak memory grows with it: a year of 50M events
   * (~3.8 MB of files a day) peaked at ~1 GB with 16 MiB. Fewer batches cost less: each has a
   * fixed cost of ~0.2 s. @default 32 MiB
   */
  batchBytes?: number | undefined;
  /**
   * The most days read and reduced at a time (never across a month). Without a local archive
   * (the files' sizes unknown) the batches are made of days only. @default 4 without a local
   * archive, else the month
   */
  batchDays?: number | undefined;
}

/**
 * The Anaplan events of a window as aggregates, each a small frame, with the columns (and
 * values) of the frame helper named; none holds one row per event (`privilegedEvents`, the one
 * result that grows with the window, is a lazy plan, read only when asked).
 *
 * @example
 * ```ts
 * const s: ArchiveSummary = await archiveSummary("archive", { from: "2025-12-01", to: "2026-11-30" });
 * s.totals.events //=> 50123456
 * ```
 */
export interface ArchiveSummary {
  /** The window's events: how many, how many failed, how many distinct users (non-null `userId`). */
  totals: { events: number; failures: number; users: number };
  /** `activityByDay(events)`: day, events, users, failures. */
  activityByDay: pl.DataFrame;
  /** `countByDay(events, "eventDate", { by: "eventTypeId" })`: day, eventTypeId, rows. */
  eventsByDayAndType: pl.DataFrame;
  /** Events per type, most first (eventTypeId, events as UInt32): the report's "events by type". */
  eventsByType: pl.DataFrame;
  /** `topUsers(events, { n: all })` without names: every user, most events first. */
  userActivity: pl.DataFrame;
  /** `topUsers(events, { eventTypeIds: ["USR-9"], n: all })` without names: who failed to sign in, most first. */
  failedSignIns: pl.DataFrame;
  /** `topObjects(events, { n: topObjects })`. */
  topObjects: pl.DataFrame;
  /** `signInSummary(events)` without names: one row per account that tried to sign in. */
  signIns: pl.DataFrame;
  /** `lastSignIns(events)`: userId, lastSignIn, signIns. */
  lastSignIns: pl.DataFrame;
  /**
   * Each account's latest sign-in event (per `success` value): userId, eventTypeId, eventDate,
   * success. Pass it as the events of `signInDisagreements` and `inactiveUsers` (as of the
   * window's end): they give what they give on all the events.
   */
  lastSignInEvents: pl.DataFrame;
  /** `countByDay` of the access-change events (role, model role, workspace and SSO-exception codes): day, eventTypeId, rows. */
  accessChangesByDay: pl.DataFrame;
  /**
   * The privileged and access-change events (`privilegedEvents(events)`, plus the codes of
   * `accessEvents`), by eventDate then id, with the columns `PRIVILEGED_EVENT_COLUMNS`
   * (id, eventDate, eventTypeId, userId, objectId, success, additionalAttributes), as a lazy
   * plan over the window's day files: nothing is held until it is collected (a year of the
   * simulator's data has 3M such rows, ~3 GB as frames). `privilegedEvents.head(25).collect()`
   * shows the first; `.collect()` gives them all; `.sinkCSV(path).collect()` writes them without
   * holding them. Collect it before closing the frames of an `s3://` archive.
   */
  privilegedEvents: LazyDataFrame;
  /** How many rows `privilegedEvents` holds (exact, counted as the batches were read). */
  privilegedCount: number;
  /**
   * The rows of `privilegedEvents`, in the same order, read a batch of days at a time (each
   * batch's files only, as the summary read them): to go through a year of them holding one
   * batch's (`writePrivilegedTables` does). Each call reads them anew.
   */
  privilegedParts: () => AsyncGenerator<pl.DataFrame>;
  /** Distinct users per calendar month (UTC): month (Date, the 1st), users. */
  activeUsersByMonth: pl.DataFrame;
  /** `deactivatedSignIns(users, events)`: inactive accounts with a sign-in in the window (userId, email, firstName, lastName, lastSignIn, signIns). */
  deactivatedSignIns: pl.DataFrame;
  /** The users snapshot nearest the window's end (as `readArchive`'s `users`). */
  users: pl.DataFrame;
  /** What the archive covers of the window (events), and which users snapshot is used. */
  coverage: { events: HistoryCoverage; users: SnapshotCoverage };
  /** The files checked (SHA-256, streamed) before any query ran. */
  checksums: ArchiveChecksumReport;
  /** The archive's manifest (watermarks, gaps, origin). */
  manifest: ArchiveManifest;
  /** Time spent per aggregate (ms), in the order run: where a year report's time goes. */
  timings: Record<string, number>;
}

/**
 * A year (or any window) of archived Anaplan events as the aggregates a report shows, in
 * bounded memory: only the window's day partitions are read (checked first, SHA-256 streamed
 * file by file), in batches of a few whole days, each read with only the columns the
 * aggregates need and reduced at once to partial aggregates, merged at the end. Memory is
 * bounded by a batch and the (small) partials, not by the window: 50M events over 365 days stay
 * under 2 GiB of RSS (BENCHMARKS.md, "A year in bounded memory"), where
 * `readArchive(...).events.collect()` would hold them all.
 *
 * @param dir - the archive folder
 * @param options - the window (`from` included, `to` excluded; a bare `to` date includes that day) and sizes
 * @returns the aggregates, coverage, checksums and manifest
 * @throws ArchiveError as `readArchive` (missing archive; a damaged, corrupt or foreign file in the window, named)
 * @throws ValidationError when the window is not valid
 * @example
 * ```ts
 * const year = await archiveSummary("archive", { from: "2025-12-01", to: "2026-11-30" });
 * if (!year.coverage.events.complete) console.warn(year.coverage.events.note);
 * year.activityByDay.height //=> 365
 * ```
 */
export async function archiveSummary(
  dir: string,
  options: ArchiveSummaryOptions = {},
): Promise<ArchiveSummary> {
  const { topObjects, batchDays, batchBytes, ...range } = options;
  const frames = await readArchive(dir, range);
  return summarizeArchiveFrames(frames, {
    topObjects,
    batchDays,
    batchBytes,
    archive: await realpath(resolve(dir)),
    ...range,
  });
}

/**
 * Options of {@link summarizeArchiveFrames}.
 *
 * @example
 * ```ts
 * const options: SummarizeArchiveFramesOptions = { archive: "/data/archive", from: "2025-12-01", to: "2026-11-30" };
 * ```
 */
export interface SummarizeArchiveFramesOptions extends ArchiveSummaryOptions {
  /**
   * The local archive folder the frames were read from: batches are then read from its day
   * files by name (no other file is opened). Without it, each batch is a filter of `events`.
   * @default undefined
   */
  archive?: string | undefined;
}

/**
 * {@link archiveSummary} over frames already opened (`readArchive`, or `readArchiveAt` for `s3://`).
 *
 * @param frames - the archive's frames for the window
 * @param options - the window the frames were read for, the folder, sizes
 * @returns the aggregates
 * @example
 * ```ts
 * const s = await summarizeArchiveFrames(await readArchive("archive", { from: "2026-01-01" }), { from: "2026-01-01" });
 * ```
 */
export async function summarizeArchiveFrames(
  frames: Pick<ArchiveFrames, "events" | "users" | "coverage" | "checksums" | "manifest">,
  options: SummarizeArchiveFramesOptions = {},
): Promise<ArchiveSummary> {
  const timings: Record<string, number> = {};
  const time = async <T>(name: string, work: () => Promise<T> | T): Promise<T> => {
    const t0 = performance.now();
    const out = await work();
    timings[name] = (timings[name] ?? 0) + performance.now() - t0;
    return out;
  };
  const { batches, whole } = await time("list days", () => batchesOf(frames.events, options));
  const trace = traceOf();
  const stepTrace = trace && ((step: string) => process.stderr.write(`after ${step}: peak ${peakRss()}\n`));
  const partials = emptyPartials();
  let privilegedCount = 0;
  for (const batch of batches) {
    const rows = await time("read batches", () => batch.select(...BATCH_COLUMNS).collect());
    await time("aggregate batches", () => addBatch(partials, rows));
    privilegedCount += Number(rows.select(PRIVILEGED_ROWS).getColumn("n").get(0));
    releaseFrames(); // this batch's frames: their native memory is not V8's, so it would not collect them soon
    trace?.(partials, privilegedCount, rows.height);
  }
  const merged = await time("merge", () => ({
    activityByDay: concatOf(partials.activityByDay),
    eventsByDayAndType: concatOf(partials.byDayAndType),
    accessChangesByDay: concatOf(partials.accessByDay),
    userActivity: mergeTopUsers(partials),
    failedSignIns: mergeTopUsers(partials, [ANAPLAN_EVENT_TYPES.signInFailure]),
    signIns: mergeSignIns(partials),
    lastSignIns: mergeLastSignIns(partials),
    lastSignInEvents: mergeLastSignInEvents(partials),
    activeUsersByMonth: mergeMonthUsers(partials),
    // Not collected: a year of privileged rows can be 3M rows in the simulator's mix, which held
    // as frames took ~1 KB of RSS each (3 GB): the plan reads them from the day files when asked.
    privilegedEvents: privilegedOf(whole),
  }));
  const top = mergeTopObjects(partials, options.topObjects ?? 100);
  stepTrace?.("merge");
  const topObjects = await time("object users", () => withObjectUsers(top, batches));
  stepTrace?.("object users");
  const users = await time("users", () => frames.users.collect());
  return {
    totals: {
      events: Number(merged.activityByDay.getColumn("events").sum()),
      failures: Number(merged.activityByDay.getColumn("failures").sum()),
      users: merged.userActivity.height,
    },
    ...merged,
    privilegedCount,
    privilegedParts: () => privilegedParts(batches),
    eventsByType: eventsByType(merged.eventsByDayAndType),
    topObjects,
    // deactivatedSignIns's own steps, with the summary's lastSignIns for lastSignIns(events).
    deactivatedSignIns: users
      .filter(pl.col("active").not())
      .select(pl.col("id").alias("userId"), "email", "firstName", "lastName")
      .join(merged.lastSignIns, { on: "userId", how: "inner" })
      .sort("email"),
    users,
    coverage: {
      events: frames.coverage.events as HistoryCoverage,
      users: frames.coverage.users as SnapshotCoverage,
    },
    checksums: frames.checksums,
    manifest: frames.manifest,
    timings,
  };
}

/** The privileged and access-change rows of a plan, with `PRIVILEGED_EVENT_COLUMNS`. */
function privilegedOf(events: LazyDataFrame): LazyDataFrame {
  return events.filter(IS_PRIVILEGED).select(...PRIVILEGED_EVENT_COLUMNS);
}
const IS_PRIVILEGED = pl.col("eventTypeId").isIn(ACCESS_CHANGE_CODES);
const PRIVILEGED_ROWS = IS_PRIVILEGED.sum().alias("n");

/** Each batch's privileged rows, collected one batch at a time. */
async function* privilegedParts(batches: readonly LazyDataFrame[]): AsyncGenerator<pl.DataFrame> {
  for (const batch of batches) yield await privilegedOf(batch).collect();
}

/**
 * `KIT_SUMMARY_TRACE=1`: one line per batch on stderr (RSS, rows of the partials held), to see
 * what holds memory on a long window. A diagnostic switch: off, it costs nothing.
 */
function traceOf(): ((partials: SummaryPartials, privileged: number, rows: number) => void) | undefined {
  if (!process.env.KIT_SUMMARY_TRACE) return undefined;
  let batch = 0;
  return (partials, privileged, rows) => {
    const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
    const held = Object.entries(partials)
      .map(([k, v]) => `${k} ${(v as pl.DataFrame[]).reduce((n, f) => n + f.height, 0)}`)
      .join(", ");
    process.stderr.write(
      `batch ${++batch}: ${rows} rows; rss ${mb(process.memoryUsage.rss())} (peak ${peakRss()}); privileged ${privileged}; ${held}\n`,
    );
  };
}

/** The process's peak RSS so far (Linux's VmHWM), for the trace; "?" elsewhere. */
function peakRss(): string {
  try {
    return /VmHWM:\s+(\d+ kB)/.exec(readFileSync("/proc/self/status", "utf8"))?.[1] ?? "?";
  } catch {
    return "?";
  }
}

/**
 * Consecutive days grouped into batches: whole days of one calendar month, at most `maxDays` of
 * them and, past the first, at most `maxBytes` of files.
 */
function dayBatches(
  days: readonly { day: string; bytes: number }[],
  limits: { maxDays: number; maxBytes: number },
): string[][] {
  const groups: { days: string[]; bytes: number }[] = [];
  for (const { day, bytes } of days) {
    const last = groups.at(-1);
    if (
      last &&
      last.days[0]!.slice(0, 7) === day.slice(0, 7) &&
      last.days.length < limits.maxDays &&
      last.bytes + bytes <= limits.maxBytes
    ) {
      last.days.push(day);
      last.bytes += bytes;
    } else groups.push({ days: [day], bytes });
  }
  return groups.map((g) => g.days);
}

/** The window's days with events, as lazy batches of whole days within one calendar month ({@link dayBatches}). */
async function batchesOf(
  events: LazyDataFrame,
  options: SummarizeArchiveFramesOptions,
): Promise<{ batches: LazyDataFrame[]; whole: LazyDataFrame }> {
  const from = options.from === undefined ? undefined : readInstant(options.from, "from");
  const to = options.to === undefined ? undefined : readInstant(options.to, "to", true);
  const firstDay = from === undefined ? "0000-01-01" : utcDay(from);
  const lastDay = to === undefined ? "9999-12-31" : utcDay(to - 1);
  const root = options.archive && join(options.archive, ARCHIVE_DATASETS.events.path);
  // A local archive folder whose day files can be named (and sized) one by one.
  const byFile = root !== undefined && !GLOB_SYNTAX.test(root) ? root : undefined;
  const days: { day: string; bytes: number }[] = byFile
    ? await Promise.all(
        (await listPartitions(options.archive!, ARCHIVE_DATASETS.events))
          .filter((p) => p.file && p.value >= firstDay && p.value <= lastDay)
          .map(async (p) => ({ day: p.value, bytes: (await stat(p.file!)).size })),
      )
    : (
        (
          await events
            .select(pl.col("eventDate").cast(pl.Datetime("ms", "UTC")).dt.strftime("%Y-%m-%d").alias("d"))
            .unique()
            .sort("d")
            .collect()
        )
          .getColumn("d")
          .toArray() as string[]
      ).map((day) => ({ day, bytes: 0 }));
  const groups = dayBatches(days, {
    maxDays: options.batchDays ?? (byFile ? 31 : 4),
    maxBytes: options.batchBytes ?? 32 * 2 ** 20,
  });
  const column = pl.col("eventDate");
  const utc = (ms: number) => pl.lit(ms).cast(pl.Int64).cast(pl.Datetime("ms")).dt.replaceTimeZone("UTC");
  const batches = groups.map((g) => {
    const start = Date.parse(`${g[0]}T00:00:00Z`);
    const end = Date.parse(`${g.at(-1)}T00:00:00Z`) + 86_400_000;
    let frame = byFile
      ? scanDays(byFile, ARCHIVE_DATASETS.events.schema, g[0], g.at(-1))
      : events.filter(column.gtEq(utc(start)).and(column.lt(utc(end))));
    if (from !== undefined && from > start) frame = frame.filter(column.gtEq(utc(from)));
    if (to !== undefined && to < end) frame = frame.filter(column.lt(utc(to)));
    return frame;
  });
  // The whole window as one plan (one scan of its day files, in day order, as the batches):
  // the privileged rows are read from it, in one plan rather than a concatenation of the
  // batches' (a year: 92 plans).
  let whole =
    batches.length > 1 && byFile
      ? scanDays(byFile, ARCHIVE_DATASETS.events.schema, groups[0]![0], groups.at(-1)!.at(-1))
      : batches.length > 1
        ? events
        : undefined;
  if (whole && from !== undefined) whole = whole.filter(column.gtEq(utc(from)));
  if (whole && to !== undefined) whole = whole.filter(column.lt(utc(to)));
  // No day: one empty batch, so every aggregate is a zero-row frame with its columns.
  const all = batches.length > 0 ? batches : [events.filter(pl.lit(false))];
  return { batches: all, whole: whole ?? all[0]! };
}

/**
 * The top objects with their distinct users (non-null): a second pass over the batches, two
 * columns each. Each batch's distinct (object, user) pairs of the top objects are folded as they
 * come ({@link withPartial}): held unfolded, a year's 95 batches of pairs took 1.3 GB at 50M
 * events (the pairs of a batch repeat those of the others).
 */
async function withObjectUsers(top: pl.DataFrame, batches: LazyDataFrame[]): Promise<pl.DataFrame> {
  const ids = top.getColumn("objectId").toArray() as string[];
  const ofTop = pl.col("objectId").isIn(ids).and(pl.col("userId").isNotNull());
  let pairs: pl.DataFrame[] = [];
  for (const batch of batches) {
    const rows = await batch.select("objectId", "userId").collect();
    pairs = withPartial(pairs, rows.filter(ofTop).unique(), (parts) => concatOf(parts).unique());
    releaseFrames();
  }
  const users = concatOf(pairs).unique().groupBy("objectId").agg(pl.len().cast(pl.UInt32).alias("users"));
  return top
    .join(users, { on: "objectId", how: "left" })
    .withColumns(pl.col("users").fillNull(0).cast(pl.UInt32))
    .sort(["events", "objectId"], [true, false])
    .select("objectId", "objectTypeId", "events", "users", "lastEvent");
}
/** Events per type from the day × type counts, as the report's table: most first, then by code. */
function eventsByType(byDayAndType: pl.DataFrame): pl.DataFrame {
  return byDayAndType
    .groupBy("eventTypeId")
    .agg(pl.col("rows").sum().cast(pl.UInt32).alias("events"))
    .sort(["events", "eventTypeId"], [true, false]);
}
