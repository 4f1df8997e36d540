import pl, { type LazyDataFrame } from "nodejs-polars";
import { ANAPLAN_ACCESS_CODES } from "../frames/access-events.js";
import { ANAPLAN_EVENT_TYPES } from "../frames/anaplan-event-types.js";
import type { HistoryCoverage, SnapshotCoverage } from "./archive-coverage.js";
import type { ArchiveManifest } from "./archive-manifest.js";
import {
  activeUsersByMonthPlan,
  activityByDayPlan,
  countByDayAndTypePlan,
  lastSignInEventsPlan,
  lastSignInsPlan,
  privilegedEventsPlan,
  signInSummaryPlan,
  topObjectsPlan,
  topUsersPlan,
} from "./archive-summary-plans.js";
import {
  type ArchiveChecksumReport,
  type ArchiveFrames,
  type ReadArchiveOptions,
  readArchive,
} from "./read-archive.js";

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
  topObjects?: number;
}

/**
 * The Anaplan events of a window as aggregates, each a small frame, with the columns (and
 * values) of the frame helper named; none holds one row per event except `privilegedEvents`.
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
   * (id, eventDate, eventTypeId, userId, objectId, success, additionalAttributes).
   */
  privilegedEvents: pl.DataFrame;
  /** Distinct users per calendar month (UTC): month (Date, the 1st), users. */
  activeUsersByMonth: pl.DataFrame;
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
 * file by file), each aggregate is a lazy plan reading only its columns, and only the small
 * results are collected, one after another. 50M events (365 days) stay under 2 GiB of RSS
 * (BENCHMARKS.md, "A year in bounded memory"); `readArchive(...).events.collect()` would hold
 * them all.
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
  const { topObjects, ...range } = options;
  return summarizeArchiveFrames(await readArchive(dir, range), { topObjects });
}

/**
 * {@link archiveSummary} over frames already opened (`readArchive`, `readArchiveAt` for `s3://`).
 *
 * @param frames - the archive's frames for the window
 * @param options - sizes
 * @returns the aggregates
 * @example
 * ```ts
 * const s = await summarizeArchiveFrames(await readArchive("archive", { from: "2026-01-01" }));
 * ```
 */
export async function summarizeArchiveFrames(
  frames: Pick<ArchiveFrames, "events" | "users" | "coverage" | "checksums" | "manifest">,
  options: { topObjects?: number | undefined } = {},
): Promise<ArchiveSummary> {
  const timings: Record<string, number> = {};
  const run = async (name: string, plan: LazyDataFrame): Promise<pl.DataFrame> => {
    const t0 = performance.now();
    const df = await plan.collect();
    timings[name] = performance.now() - t0;
    return df;
  };
  const events = frames.events;
  const activityByDay = await run("activityByDay", activityByDayPlan(events));
  const eventsByDayAndType = await run("eventsByDayAndType", countByDayAndTypePlan(events));
  const userActivity = await run("userActivity", topUsersPlan(events));
  const failedSignIns = await run("failedSignIns", topUsersPlan(events, [ANAPLAN_EVENT_TYPES.signInFailure]));
  const topObjects = await run("topObjects", topObjectsPlan(events, options.topObjects ?? 100));
  const signIns = await run("signIns", signInSummaryPlan(events));
  const lastSignIns = await run("lastSignIns", lastSignInsPlan(events));
  const lastSignInEvents = await run("lastSignInEvents", lastSignInEventsPlan(events));
  const accessChangesByDay = await run(
    "accessChangesByDay",
    countByDayAndTypePlan(events, Object.keys(ANAPLAN_ACCESS_CODES)),
  );
  const privilegedEvents = await run("privilegedEvents", privilegedEventsPlan(events));
  const activeUsersByMonth = await run("activeUsersByMonth", activeUsersByMonthPlan(events));
  const users = await run("users", frames.users);
  return {
    totals: {
      events: Number(activityByDay.getColumn("events").sum()),
      failures: Number(activityByDay.getColumn("failures").sum()),
      users: userActivity.height,
    },
    activityByDay,
    eventsByDayAndType,
    eventsByType: eventsByType(eventsByDayAndType),
    userActivity,
    failedSignIns,
    topObjects,
    signIns,
    lastSignIns,
    lastSignInEvents,
    accessChangesByDay,
    privilegedEvents,
    activeUsersByMonth,
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

/** Events per type from the day × type counts, as the report's table: most first, then by code. */
function eventsByType(byDayAndType: pl.DataFrame): pl.DataFrame {
  return byDayAndType
    .groupBy("eventTypeId")
    .agg(pl.col("rows").sum().cast(pl.UInt32).alias("events"))
    .sort(["events", "eventTypeId"], [true, false]);
}
