import pl from "nodejs-polars";
import { inWindow, type TimeWindow } from "./time-window.js";

/**
 * Options of {@link topUsers}.
 *
 * @example
 * ```ts
 * const options: TopUsersOptions = { n: 5, eventTypeIds: ["USR-8"] };
 * ```
 */
export interface TopUsersOptions {
  /** How many users to keep. @default 10 */
  n?: number;
  /** Count only these event types (e.g. `["USR-9"]` for the most failed sign-ins). @default all */
  eventTypeIds?: readonly string[];
  /** Only events inside this window. @default all events */
  window?: TimeWindow;
}

const NAME_COLUMNS = ["firstName", "lastName", "email"] as const;

/**
 * The users with the most events: who drives the activity (or, filtered to failures, who keeps
 * failing). Events without a userId are not counted. Pass `withUsers(events, users)` to get
 * names and e-mails in the result.
 *
 * @param events - an Anaplan events frame, optionally joined with users
 * @param options - how many, which event types, which window
 * @returns `userId`, then `firstName`, `lastName`, `email` when the input has them, then
 *   `events`, `failures`, `eventTypes` (distinct) and `lastEvent`; most events first, ties by userId
 * @example
 * ```ts
 * topUsers(withUsers(events, users), { n: 2 })
 * // ┌────────┬───────────┬──────────┬───────────────────┬────────┬──────────┬────────────┬─────────────────────────┐
 * // │ userId ┆ firstName ┆ lastName ┆ email             ┆ events ┆ failures ┆ eventTypes ┆ lastEvent               │
 * // ╞════════╪═══════════╪══════════╪═══════════════════╪════════╪══════════╪════════════╪═════════════════════════╡
 * // │ u1     ┆ Ada       ┆ Okafor   ┆ ada@example.com   ┆ 3      ┆ 1        ┆ 2          ┆ 2026-11-02 09:00:00 UTC │
 * // │ u2     ┆ Ben       ┆ Patel    ┆ ben@example.com   ┆ 1      ┆ 0        ┆ 1          ┆ 2026-11-01 10:00:00 UTC │
 * // └────────┴───────────┴──────────┴───────────────────┴────────┴──────────┴────────────┴─────────────────────────┘
 * ```
 */
export function topUsers(events: pl.DataFrame, options: TopUsersOptions = {}): pl.DataFrame {
  const names = NAME_COLUMNS.filter((c) => events.columns.includes(c));
  let rows = events.filter(inWindow("eventDate", options.window).and(pl.col("userId").isNotNull()));
  if (options.eventTypeIds) rows = rows.filter(pl.col("eventTypeId").isIn([...options.eventTypeIds]));
  return rows
    .groupBy("userId")
    .agg(
      ...names.map((c) => pl.col(c).first()),
      pl.len().alias("events"),
      pl.col("success").not().sum().cast(pl.UInt32).alias("failures"),
      pl.col("eventTypeId").nUnique().cast(pl.UInt32).alias("eventTypes"),
      pl.col("eventDate").max().alias("lastEvent"),
    )
    .sort(["events", "userId"], [true, false])
    .head(options.n ?? 10)
    .select("userId", ...names, "events", "failures", "eventTypes", "lastEvent");
}
