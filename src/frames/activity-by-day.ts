import pl from "nodejs-polars";
import { inWindow, type TimeWindow } from "./time-window.js";

/**
 * Options of {@link activityByDay}.
 *
 * @example
 * ```ts
 * const options: ActivityByDayOptions = { by: "eventTypeId", window: { from: "2026-03-01", to: "2026-03-08" } };
 * ```
 */
export interface ActivityByDayOptions {
  /** Extra grouping column(s), e.g. `"eventTypeId"` or `"userId"`. @default none: one row per day */
  by?: string | readonly string[];
  /** Only events inside this window. @default all events */
  window?: TimeWindow;
  /** The Datetime column that places an event on a day. @default "eventDate" */
  dateColumn?: string;
}

/**
 * Counts events per UTC calendar day (and optionally per event type or user): how busy the
 * tenant was, and when. Days without events are absent, not zero.
 *
 * @param events - an Anaplan events frame (or `withUsers(events, users)`)
 * @param options - grouping, window and date column
 * @returns columns `day` (Date), the `by` columns, `events`, `users` (distinct non-null userId)
 *   and `failures` (rows whose `success` is false), sorted by day then the `by` columns
 * @example
 * ```ts
 * activityByDay(events, { by: "eventTypeId" })
 * // shape: (3, 5)
 * // ┌────────────┬─────────────┬────────┬───────┬──────────┐
 * // │ day        ┆ eventTypeId ┆ events ┆ users ┆ failures │
 * // │ date       ┆ str         ┆ u32    ┆ u32   ┆ u32      │
 * // ╞════════════╪═════════════╪════════╪═══════╪══════════╡
 * // │ 2026-11-01 ┆ USR-8       ┆ 2      ┆ 2     ┆ 0        │
 * // │ 2026-11-01 ┆ USR-9       ┆ 1      ┆ 1     ┆ 1        │
 * // │ 2026-11-02 ┆ USR-8       ┆ 1      ┆ 1     ┆ 0        │
 * // └────────────┴─────────────┴────────┴───────┴──────────┘
 * ```
 */
export function activityByDay(events: pl.DataFrame, options: ActivityByDayOptions = {}): pl.DataFrame {
  const dateColumn = options.dateColumn ?? "eventDate";
  const by = typeof options.by === "string" ? [options.by] : [...(options.by ?? [])];
  const keys = ["day", ...by];
  return events
    .filter(inWindow(dateColumn, options.window))
    .withColumns(pl.col(dateColumn).cast(pl.Datetime("ms", "UTC")).cast(pl.Date).alias("day"))
    .groupBy(keys)
    .agg(
      pl.len().alias("events"),
      pl.col("userId").dropNulls().nUnique().cast(pl.UInt32).alias("users"),
      pl.col("success").not().sum().cast(pl.UInt32).alias("failures"),
    )
    .sort(keys)
    .select(...keys, "events", "users", "failures");
}
