import pl, { type LazyDataFrame } from "nodejs-polars";
import { PRIVILEGED_ANAPLAN_EVENT_CODES } from "../anaplan/event-catalog.js";
import { ANAPLAN_ACCESS_CODES } from "../frames/access-events.js";
import { ANAPLAN_EVENT_TYPES } from "../frames/anaplan-event-types.js";

// Lazy twins of the frame helpers, for the year-scale report (archiveSummary): each plan reads
// only the columns it names (projection pushdown into the day files) and collects to a small
// frame. Each one gives exactly what the named eager helper gives on the collected events
// (test/archive-summary.test.ts checks them frame for frame), so a report can use either.
// The window is not re-applied: readArchive's events are already cut to it.

const { signInSuccess, signInFailure } = ANAPLAN_EVENT_TYPES;
const day = (column: string) => pl.col(column).cast(pl.Datetime("ms", "UTC")).cast(pl.Date).alias("day");

/**
 * The columns kept of each privileged event: enough for `withEventNames`, `anaplanAccessChanges`,
 * `accessEvents` and the report's table (the event's other columns stay in the archive).
 *
 * @example
 * ```ts
 * PRIVILEGED_EVENT_COLUMNS.includes("additionalAttributes") //=> true
 * ```
 */
export const PRIVILEGED_EVENT_COLUMNS = Object.freeze([
  "id",
  "eventDate",
  "eventTypeId",
  "userId",
  "objectId",
  "success",
  "additionalAttributes",
] as const);

/** `activityByDay(events)`: day, events, users, failures. */
export function activityByDayPlan(events: LazyDataFrame): LazyDataFrame {
  return events
    .withColumns(day("eventDate"))
    .groupBy(["day"])
    .agg(
      pl.len().alias("events"),
      pl.col("userId").dropNulls().nUnique().cast(pl.UInt32).alias("users"),
      pl.col("success").not().sum().cast(pl.UInt32).alias("failures"),
    )
    .sort(["day"])
    .select("day", "events", "users", "failures");
}

/** `countByDay(events, "eventDate", { by: "eventTypeId" })`, optionally over some codes only: day, eventTypeId, rows. */
export function countByDayAndTypePlan(events: LazyDataFrame, codes?: readonly string[]): LazyDataFrame {
  let rows = events.filter(pl.col("eventDate").isNotNull());
  if (codes) rows = rows.filter(pl.col("eventTypeId").isIn([...codes]));
  return rows
    .withColumns(day("eventDate"))
    .groupBy(["day", "eventTypeId"])
    .agg(pl.len().alias("rows"))
    .sort(["day", "eventTypeId"])
    .select("day", "eventTypeId", "rows");
}

/** `topUsers(events, { eventTypeIds, n })` without the name columns (join the users for them): every user when `n` is undefined. */
export function topUsersPlan(
  events: LazyDataFrame,
  eventTypeIds?: readonly string[],
  n?: number,
): LazyDataFrame {
  let rows = events.filter(pl.col("userId").isNotNull());
  if (eventTypeIds) rows = rows.filter(pl.col("eventTypeId").isIn([...eventTypeIds]));
  const sorted = rows
    .groupBy("userId")
    .agg(
      pl.len().alias("events"),
      pl.col("success").not().sum().cast(pl.UInt32).alias("failures"),
      pl.col("eventTypeId").nUnique().cast(pl.UInt32).alias("eventTypes"),
      pl.col("eventDate").max().alias("lastEvent"),
    )
    .sort(["events", "userId"], [true, false]);
  return (n === undefined ? sorted : sorted.head(n)).select(
    "userId",
    "events",
    "failures",
    "eventTypes",
    "lastEvent",
  );
}

/** `topObjects(events, { n })`. */
export function topObjectsPlan(events: LazyDataFrame, n: number): LazyDataFrame {
  return events
    .filter(pl.col("objectId").isNotNull())
    .groupBy("objectId")
    .agg(
      pl.col("objectTypeId").first(),
      pl.len().alias("events"),
      pl.col("userId").dropNulls().nUnique().cast(pl.UInt32).alias("users"),
      pl.col("eventDate").max().alias("lastEvent"),
    )
    .sort(["events", "objectId"], [true, false])
    .head(n)
    .select("objectId", "objectTypeId", "events", "users", "lastEvent");
}

/** `signInSummary(events)` without the name columns: one row per account that tried to sign in. */
export function signInSummaryPlan(events: LazyDataFrame): LazyDataFrame {
  const isSuccess = pl.col("eventTypeId").eq(pl.lit(signInSuccess));
  const isFailure = pl.col("eventTypeId").eq(pl.lit(signInFailure));
  const date = pl.col("eventDate");
  return events
    .filter(pl.col("eventTypeId").isIn([signInSuccess, signInFailure]))
    .groupBy("userId")
    .agg(
      isSuccess.sum().cast(pl.UInt32).alias("successes"),
      isFailure.sum().cast(pl.UInt32).alias("failures"),
      pl.col("ipAddress").dropNulls().nUnique().cast(pl.UInt32).alias("distinctIps"),
      date.filter(isSuccess).min().alias("firstSignIn"),
      date.filter(isSuccess).max().alias("lastSignIn"),
      date.filter(isFailure).max().alias("lastFailure"),
    )
    .sort(["failures", "userId"], [true, false])
    .select("userId", "successes", "failures", "distinctIps", "firstSignIn", "lastSignIn", "lastFailure");
}

/** `lastSignIns(events)`: userId, lastSignIn, signIns. */
export function lastSignInsPlan(events: LazyDataFrame): LazyDataFrame {
  return events
    .filter(
      pl
        .col("eventTypeId")
        .eq(pl.lit(signInSuccess))
        .and(pl.col("success").fillNull(true))
        .and(pl.col("userId").isNotNull()),
    )
    .groupBy("userId")
    .agg(
      pl.col("eventDate").cast(pl.Datetime("ms", "UTC")).max().alias("lastSignIn"),
      pl.len().cast(pl.UInt32).alias("signIns"),
    )
    .sort("userId");
}

/**
 * Per account and `success` value, its latest sign-in event (`USR-8`): a stand-in for the
 * events, one or two rows per account, on which `signInDisagreements` and `inactiveUsers` give
 * what they give on all the events (they use only the latest sign-in; `lastSignIns`'s count does not hold on it).
 */
export function lastSignInEventsPlan(events: LazyDataFrame): LazyDataFrame {
  return events
    .filter(pl.col("eventTypeId").eq(pl.lit(signInSuccess)).and(pl.col("userId").isNotNull()))
    .groupBy(["userId", "success"])
    .agg(pl.col("eventDate").max().alias("eventDate"))
    .sort(["userId", "success"])
    .select("userId", pl.lit(signInSuccess).alias("eventTypeId"), "eventDate", "success");
}

/** `privilegedEvents(events)` (plus the access-change codes of `accessEvents`), {@link PRIVILEGED_EVENT_COLUMNS} only, by eventDate then id. */
export function privilegedEventsPlan(events: LazyDataFrame): LazyDataFrame {
  return events
    .filter(pl.col("eventTypeId").isIn(ACCESS_CHANGE_CODES))
    .select(...PRIVILEGED_EVENT_COLUMNS)
    .sort(["eventDate", "id"]);
}

/** Distinct users (non-null `userId`) per calendar month (UTC) of `eventDate`: month (Date, the 1st), users. */
export function activeUsersByMonthPlan(events: LazyDataFrame): LazyDataFrame {
  return events
    .filter(pl.col("userId").isNotNull())
    .withColumns(day("eventDate").dt.truncate("1mo").alias("month"))
    .groupBy("month")
    .agg(pl.col("userId").nUnique().cast(pl.UInt32).alias("users"))
    .sort("month");
}

/**
 * The codes of privileged events (the catalogue's) and of access changes (`accessEvents`'s),
 * sorted: the rows {@link privilegedEventsPlan} keeps.
 *
 * @example
 * ```ts
 * ACCESS_CHANGE_CODES.includes("AUTHZ-3") //=> true
 * ```
 */
export const ACCESS_CHANGE_CODES: readonly string[] = Object.freeze(
  [...new Set([...PRIVILEGED_ANAPLAN_EVENT_CODES, ...Object.keys(ANAPLAN_ACCESS_CODES)])].sort(),
);
