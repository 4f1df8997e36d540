import pl from "nodejs-polars";
import { inWindow, type TimeWindow } from "./time-window.js";

/**
 * Options of {@link countByDay}.
 *
 * @example
 * ```ts
 * const options: CountByDayOptions = { by: "system", window: { from: "2026-03-01", to: "2026-03-08" } };
 * ```
 */
export interface CountByDayOptions {
  /** Extra grouping column(s). @default none: one row per day */
  by?: string | readonly string[];
  /** Only rows inside this window. @default all rows */
  window?: TimeWindow;
}

/**
 * Counts rows per UTC calendar day of any Datetime column — for frames that are not Anaplan
 * events (EPM invalid logins, user logins, changes). Days without rows are absent.
 *
 * @param df - any frame
 * @param dateColumn - the Datetime column that places a row on a day
 * @param options - grouping and window
 * @returns `day` (Date), the `by` columns, `rows`; sorted by day then the `by` columns
 * @example
 * ```ts
 * countByDay(invalidLogins, "dateAndTime")
 * // ┌────────────┬──────┐
 * // │ day        ┆ rows │
 * // ╞════════════╪══════╡
 * // │ 2026-11-01 ┆ 12   │
 * // │ 2026-11-02 ┆ 9    │
 * // └────────────┴──────┘
 * ```
 */
export function countByDay(
  df: pl.DataFrame,
  dateColumn: string,
  options: CountByDayOptions = {},
): pl.DataFrame {
  const by = typeof options.by === "string" ? [options.by] : [...(options.by ?? [])];
  const keys = ["day", ...by];
  return df
    .filter(inWindow(dateColumn, options.window).and(pl.col(dateColumn).isNotNull()))
    .withColumns(pl.col(dateColumn).cast(pl.Datetime("ms", "UTC")).cast(pl.Date).alias("day"))
    .groupBy(keys)
    .agg(pl.len().alias("rows"))
    .sort(keys)
    .select(...keys, "rows");
}
