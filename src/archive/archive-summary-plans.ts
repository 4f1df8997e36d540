import pl, { type DataFrame } from "nodejs-polars";
import { PRIVILEGED_ANAPLAN_EVENT_CODES } from "../anaplan/event-catalog.js";
import { ANAPLAN_ACCESS_CODES } from "../frames/access-events.js";
import { activityByDay } from "../frames/activity-by-day.js";
import { ANAPLAN_EVENT_TYPES } from "../frames/anaplan-event-types.js";
import { countByDay } from "../frames/count-by-day.js";

// The year-scale report (archiveSummary) reads the window in batches of whole days within one
// calendar month; each batch is reduced at once to partial aggregates (addBatch), and the
// partials are merged at the end (merge*). Every result is exactly what the named eager frame
// helper gives on all the events (test/archive-summary.test.ts checks them frame for frame).
// Why batches and not one lazy plan per aggregate: Polars 0.25's group-by on a text key (userId,
// objectId) over many files holds the whole key column, in the streaming engine too (3-4 GB and
// 20-50 s an aggregate for 50M events), and each plan would read the files again.

const { signInSuccess, signInFailure } = ANAPLAN_EVENT_TYPES;
const u32 = (e: pl.Expr) => e.cast(pl.UInt32);

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

/**
 * The codes of privileged events (the catalogue's) and of access changes (`accessEvents`'s),
 * sorted: the rows of the summary's `privilegedEvents`.
 *
 * @example
 * ```ts
 * ACCESS_CHANGE_CODES.includes("AUTHZ-3") //=> true
 * ```
 */
export const ACCESS_CHANGE_CODES: readonly string[] = Object.freeze(
  [...new Set([...PRIVILEGED_ANAPLAN_EVENT_CODES, ...Object.keys(ANAPLAN_ACCESS_CODES)])].sort(),
);

/**
 * The columns a batch is read with (projection: the files' other columns are not decoded).
 *
 * @example
 * ```ts
 * BATCH_COLUMNS.includes("message") //=> false
 * ```
 */
export const BATCH_COLUMNS = Object.freeze([
  "eventDate",
  "eventTypeId",
  "userId",
  "success",
  "objectId",
  "objectTypeId",
  "ipAddress",
] as const);

/** Partial aggregates of the batches read so far, in batch (file) order. */
export interface SummaryPartials {
  activityByDay: DataFrame[];
  byDayAndType: DataFrame[];
  accessByDay: DataFrame[];
  userType: DataFrame[];
  objects: DataFrame[];
  signIns: DataFrame[];
  lastSignIns: DataFrame[];
  lastSignInEvents: DataFrame[];
  monthUsers: DataFrame[];
}

/**
 * Empty partials.
 *
 * @returns lists to fill with {@link addBatch}
 * @example
 * ```ts
 * const partials = emptyPartials();
 * ```
 */
export function emptyPartials(): SummaryPartials {
  return {
    activityByDay: [],
    byDayAndType: [],
    accessByDay: [],
    userType: [],
    objects: [],
    signIns: [],
    lastSignIns: [],
    lastSignInEvents: [],
    monthUsers: [],
  };
}

/**
 * Reduces one batch (whole UTC days of one calendar month, {@link BATCH_COLUMNS}) to partials.
 * Per-day results are final (no day spans two batches); the others are merged later.
 *
 * @param partials - the lists to add to (mutated: they are the accumulator, not a frame)
 * @param batch - the batch's events
 * @example
 * ```ts
 * addBatch(partials, await scan.select(...BATCH_COLUMNS).collect());
 * ```
 */
export function addBatch(partials: SummaryPartials, batch: DataFrame): void {
  // Flags and per-kind dates as columns first: plain sums, mins and maxes take Polars' fast
  // group-by path, where a filter inside an aggregation is evaluated group by group.
  const isSuccess = pl.col("eventTypeId").eq(pl.lit(signInSuccess));
  const isFailure = pl.col("eventTypeId").eq(pl.lit(signInFailure));
  const date = pl.col("eventDate");
  // Lazy over the batch, collected plan by plan: a plan's intermediate frames (the filters,
  // the flag columns) live and die inside Polars; as JavaScript frames they would each hold a
  // copy of the batch until V8 happened to collect them.
  const rows = batch
    .lazy()
    .withColumns(
      u32(pl.col("success").not()).alias("failed"),
      u32(isSuccess).alias("isSuccess"),
      u32(isFailure).alias("isFailure"),
      pl.when(isSuccess).then(date).otherwise(pl.lit(null)).alias("successDate"),
      pl.when(isFailure).then(date).otherwise(pl.lit(null)).alias("failureDate"),
    );
  const withUser = rows.filter(pl.col("userId").isNotNull());
  partials.activityByDay.push(activityByDay(batch));
  partials.byDayAndType.push(countByDay(batch, "eventDate", { by: "eventTypeId" }));
  partials.accessByDay.push(
    countByDay(batch.filter(pl.col("eventTypeId").isIn(Object.keys(ANAPLAN_ACCESS_CODES))), "eventDate", {
      by: "eventTypeId",
    }),
  );
  const userType = groupByPair(
    withUser,
    "userId",
    "eventTypeId",
    u32(pl.len()).alias("events"),
    u32(pl.col("failed").sum()).alias("failures"),
    date.max().alias("lastEvent"),
  ).collectSync();
  partials.userType = withPartial(partials.userType, userType, foldUserType);
  const objects = rows
    .filter(pl.col("objectId").isNotNull())
    .groupBy("objectId", true)
    .agg(pl.col("objectTypeId").first(), u32(pl.len()).alias("events"), date.max().alias("lastEvent"))
    .collectSync();
  partials.objects = withPartial(partials.objects, objects, foldObjects);
  const signIns = groupByPair(
    rows.filter(pl.col("eventTypeId").isIn([signInSuccess, signInFailure])),
    "userId",
    "ipAddress",
    u32(pl.col("isSuccess").sum()).alias("successes"),
    u32(pl.col("isFailure").sum()).alias("failures"),
    pl.col("successDate").min().alias("firstSignIn"),
    pl.col("successDate").max().alias("lastSignIn"),
    pl.col("failureDate").max().alias("lastFailure"),
  ).collectSync();
  partials.signIns = withPartial(partials.signIns, signIns, foldSignIns);
  const lastSignIns = withUser
    .filter(isSuccess.and(pl.col("success").fillNull(true)))
    .groupBy("userId")
    .agg(date.cast(pl.Datetime("ms", "UTC")).max().alias("lastSignIn"), u32(pl.len()).alias("signIns"))
    .collectSync();
  partials.lastSignIns = withPartial(partials.lastSignIns, lastSignIns, foldLastSignIns);
  const lastSignInEvents = withUser
    .filter(isSuccess)
    .groupBy(["userId", "success"])
    .agg(date.max().alias("eventDate"))
    .collectSync();
  partials.lastSignInEvents = withPartial(partials.lastSignInEvents, lastSignInEvents, foldLastSignInEvents);
  partials.monthUsers = withPartial(partials.monthUsers, monthUsersOf(withUser), foldMonthUsers);
}

/**
 * One integer per distinct (first, second) text pair of a frame, to group by instead of the two
 * texts: Polars 0.25 groups on one integer ~2x faster (120 against 221 ms for 690k rows of
 * userId × eventTypeId). Each text's categorical code is the frame's own, so the key only groups
 * within one frame; null is a value of its own (code 0).
 *
 * @param first - a text column
 * @param second - a text column
 * @returns the expression, named "key"
 * @example
 * ```ts
 * rows.groupBy(pairKey("userId", "eventTypeId")).agg(pl.col("userId").first(), pl.col("eventTypeId").first(), pl.len())
 * ```
 */
function pairKey(first: string, second: string): pl.Expr {
  const code = (column: string) =>
    pl.col(column).cast(pl.Categorical).toPhysical().cast(pl.UInt64).add(pl.lit(1)).fillNull(0);
  return code(first)
    .mul(pl.lit(2 ** 32))
    .add(code(second))
    .alias("key");
}

/** `groupBy([first, second]).agg(...aggs)` through {@link pairKey}: the same columns, in any row order. */
function groupByPair(
  rows: pl.LazyDataFrame,
  first: string,
  second: string,
  ...aggs: pl.Expr[]
): pl.LazyDataFrame {
  return rows
    .groupBy(pairKey(first, second))
    .agg(pl.col(first).first(), pl.col(second).first(), ...aggs)
    .drop("key");
}

/**
 * The distinct (month, userId) of a batch's rows with a user. A batch of one calendar month
 * (as `archiveSummary` reads them) is its distinct users with that month: 4x faster than the
 * month of every row (28 against 106 ms for 690k rows); any other batch takes that way.
 */
function monthUsersOf(withUser: pl.LazyDataFrame): DataFrame {
  const month = (e: pl.Expr) => e.cast(pl.Datetime("ms", "UTC")).cast(pl.Date).dt.truncate("1mo");
  const date = pl.col("eventDate");
  const span = withUser
    .select(month(date.min()).alias("month"), month(date.min()).eq(month(date.max())).alias("oneMonth"))
    .collectSync();
  if (span.getColumn("oneMonth").toArray()[0] === true)
    return withUser
      .select("userId")
      .unique()
      .join(span.lazy().select("month"), { how: "cross" })
      .select("month", "userId")
      .collectSync();
  return withUser.select(month(date).alias("month"), "userId").unique().collectSync();
}

/**
 * A batch's partial added to those held, all folded into one when the rows not yet folded reach
 * the folded frame's: memory stays within about twice the window's distinct keys (not keys ×
 * batches), and a row is folded a few times, not once per later batch (the per-batch fold of a
 * year's 71k user × type keys was a third of the summary's time at 5M events).
 *
 * @param parts - the partials held, the folded one first, in batch order
 * @param next - the new batch's partial
 * @param fold - merges partials into one (concatenated in order, so `first` holds)
 * @returns the partials to hold now
 * @example
 * ```ts
 * partials.objects = withPartial(partials.objects, objects, foldObjects);
 * ```
 */
export function withPartial(
  parts: readonly DataFrame[],
  next: DataFrame,
  fold: (parts: DataFrame[]) => DataFrame,
): DataFrame[] {
  const all = [...parts, next];
  const unfolded = all.slice(1).reduce((rows, frame) => rows + frame.height, 0);
  return unfolded >= all[0]!.height ? [fold(all)] : all;
}

// Folds: partials as one (concatenation order is file order, so `first` holds).
const foldUserType = (parts: DataFrame[]) =>
  groupByPair(
    concatOf(parts).lazy(),
    "userId",
    "eventTypeId",
    u32(pl.col("events").sum()).alias("events"),
    u32(pl.col("failures").sum()).alias("failures"),
    pl.col("lastEvent").max(),
  ).collectSync();
const foldObjects = (parts: DataFrame[]) =>
  concatOf(parts)
    .groupBy("objectId")
    .agg(
      pl.col("objectTypeId").first(),
      u32(pl.col("events").sum()).alias("events"),
      pl.col("lastEvent").max(),
    );
const foldSignIns = (parts: DataFrame[]) =>
  groupByPair(
    concatOf(parts).lazy(),
    "userId",
    "ipAddress",
    u32(pl.col("successes").sum()).alias("successes"),
    u32(pl.col("failures").sum()).alias("failures"),
    pl.col("firstSignIn").min(),
    pl.col("lastSignIn").max(),
    pl.col("lastFailure").max(),
  ).collectSync();
const foldLastSignIns = (parts: DataFrame[]) =>
  concatOf(parts)
    .groupBy("userId")
    .agg(pl.col("lastSignIn").max(), u32(pl.col("signIns").sum()).alias("signIns"));
const foldLastSignInEvents = (parts: DataFrame[]) =>
  concatOf(parts).groupBy(["userId", "success"]).agg(pl.col("eventDate").max());
const foldMonthUsers = (parts: DataFrame[]) => concatOf(parts).unique();

/**
 * `topUsers(events, { eventTypeIds, n: all })` without names, from the (user, type) partials.
 *
 * @param partials - the batches' partials
 * @param eventTypeIds - count only these types @default all
 * @returns userId, events, failures, eventTypes, lastEvent; most events first
 * @example
 * ```ts
 * mergeTopUsers(partials, ["USR-9"]).head(10)
 * ```
 */
export function mergeTopUsers(partials: SummaryPartials, eventTypeIds?: readonly string[]): DataFrame {
  let rows = foldUserType(partials.userType);
  if (eventTypeIds) rows = rows.filter(pl.col("eventTypeId").isIn([...eventTypeIds]));
  return rows
    .groupBy("userId")
    .agg(
      u32(pl.col("events").sum()).alias("events"),
      u32(pl.col("failures").sum()).alias("failures"),
      u32(pl.len()).alias("eventTypes"),
      pl.col("lastEvent").max(),
    )
    .sort(["events", "userId"], [true, false])
    .select("userId", "events", "failures", "eventTypes", "lastEvent");
}

/**
 * The n most touched objects (count, first type in file order, latest event), without users.
 *
 * @param partials - the batches' partials
 * @param n - how many
 * @returns objectId, objectTypeId, events, lastEvent; most events first
 * @example
 * ```ts
 * mergeTopObjects(partials, 10).getColumn("objectId")
 * ```
 */
export function mergeTopObjects(partials: SummaryPartials, n: number): DataFrame {
  return concatOf(partials.objects)
    .groupBy("objectId")
    .agg(
      pl.col("objectTypeId").first(),
      u32(pl.col("events").sum()).alias("events"),
      pl.col("lastEvent").max(),
    )
    .sort(["events", "objectId"], [true, false])
    .head(n);
}

/**
 * `signInSummary(events)` without names, from the (user, address) partials.
 *
 * @param partials - the batches' partials
 * @returns one row per account that tried to sign in, most failures first
 * @example
 * ```ts
 * mergeSignIns(partials).height
 * ```
 */
export function mergeSignIns(partials: SummaryPartials): DataFrame {
  return foldSignIns(partials.signIns)
    .groupBy("userId")
    .agg(
      u32(pl.col("successes").sum()).alias("successes"),
      u32(pl.col("failures").sum()).alias("failures"),
      u32(pl.col("ipAddress").isNotNull().sum()).alias("distinctIps"),
      pl.col("firstSignIn").min(),
      pl.col("lastSignIn").max(),
      pl.col("lastFailure").max(),
    )
    .sort(["failures", "userId"], [true, false])
    .select("userId", "successes", "failures", "distinctIps", "firstSignIn", "lastSignIn", "lastFailure");
}

/**
 * `lastSignIns(events)`, from the per-batch ones.
 *
 * @param partials - the batches' partials
 * @returns userId, lastSignIn, signIns
 * @example
 * ```ts
 * mergeLastSignIns(partials).columns //=> ["userId", "lastSignIn", "signIns"]
 * ```
 */
export function mergeLastSignIns(partials: SummaryPartials): DataFrame {
  return foldLastSignIns(partials.lastSignIns).sort("userId");
}

/**
 * Per account and `success` value, its latest sign-in event (`USR-8`): a stand-in for the
 * events on which `signInDisagreements` and `inactiveUsers` (as of the window's end) give what
 * they give on all the events (they use only the latest sign-in).
 *
 * @param partials - the batches' partials
 * @returns userId, eventTypeId, eventDate, success
 * @example
 * ```ts
 * signInDisagreements(users, mergeLastSignInEvents(partials), { window })
 * ```
 */
export function mergeLastSignInEvents(partials: SummaryPartials): DataFrame {
  return foldLastSignInEvents(partials.lastSignInEvents)
    .sort(["userId", "success"])
    .select("userId", pl.lit(signInSuccess).alias("eventTypeId"), "eventDate", "success");
}

/**
 * Distinct users (non-null `userId`) per calendar month (UTC).
 *
 * @param partials - the batches' partials
 * @returns month (Date, the 1st), users
 * @example
 * ```ts
 * mergeMonthUsers(partials).height //=> 12
 * ```
 */
export function mergeMonthUsers(partials: SummaryPartials): DataFrame {
  return foldMonthUsers(partials.monthUsers).groupBy("month").agg(u32(pl.len()).alias("users")).sort("month");
}

/**
 * The partials' frames one after the other (there is at least one batch, maybe of zero rows).
 *
 * @param frames - partial frames
 * @returns one frame
 * @example
 * ```ts
 * concatOf(partials.activityByDay)
 * ```
 */
export function concatOf(frames: DataFrame[]): DataFrame {
  return frames.length === 1 ? frames[0]! : pl.concat(frames, { how: "vertical", rechunk: true });
}
