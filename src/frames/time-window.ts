import pl from "nodejs-polars";
import { type InstantInput, parseInstant } from "../time/parse-instant.js";

/**
 * An instant given as a Date, epoch milliseconds, `YYYY-MM-DD` (00:00 UTC of that day) or an
 * ISO-8601 timestamp with a zone (`Z`, `±HH:MM`); a timestamp without a zone is read as UTC,
 * never as the machine's local time. Partial or ambiguous text is refused.
 *
 * @example
 * ```ts
 * const asOf: Instant = "2026-04-01T00:00:00Z";
 * ```
 */
export type Instant = InstantInput;

/**
 * A half-open time window `[from, to)` of instants: `from` is included, `to` is not, so a day
 * given as `to` ends the window at that day's 00:00 UTC (`{ from: "2026-11-01", to:
 * "2026-12-01" }` is November, UTC). For an inclusive window of days use `toInstantRange`.
 * Helpers take it as an argument and never read the clock, so the same call on the same frame
 * always gives the same answer (and a monthly report can be rerun for last month).
 *
 * @example
 * ```ts
 * const window: TimeWindow = { from: "2026-03-01", to: "2026-04-01" };
 * ```
 */
export interface TimeWindow {
  /** First instant inside the window. */
  from: Instant;
  /** First instant after the window. */
  to: Instant;
}

/**
 * Converts an {@link Instant} to epoch milliseconds.
 *
 * @param value - a Date, epoch ms, `YYYY-MM-DD` (00:00 UTC) or an ISO-8601 timestamp (UTC when
 *   it names no zone)
 * @returns epoch milliseconds
 * @throws ValidationError when the value is not a valid instant, listing the accepted forms
 * @example
 * ```ts
 * toEpochMs("2026-11-02") //=> 1793577600000
 * ```
 */
export function toEpochMs(value: Instant): number {
  return parseInstant(value, "instant");
}

/**
 * An expression giving a Datetime column as epoch milliseconds (Int64), whatever its time unit
 * (EPM report columns may be in µs, Anaplan ones are in ms). Comparing numbers avoids Polars'
 * refusal to compare a zoned Datetime with a naive literal.
 *
 * @param column - name of a Datetime column
 * @returns an Int64 expression
 * @example
 * ```ts
 * df.select(epochMs("eventDate"))
 * ```
 */
export function epochMs(column: string): pl.Expr {
  return pl.col(column).cast(pl.Datetime("ms", "UTC")).cast(pl.Int64);
}

/**
 * An expression that is true for rows whose `column` falls inside `window` (`from` included,
 * `to` excluded); without a window, true for every row.
 *
 * @param column - name of a Datetime column
 * @param window - the window, or undefined for no limit
 * @returns a Boolean expression
 * @example
 * ```ts
 * events.filter(inWindow("eventDate", { from: "2026-11-01", to: "2026-12-01" }))
 * ```
 */
export function inWindow(column: string, window: TimeWindow | undefined): pl.Expr {
  if (window === undefined) return pl.lit(true);
  return epochMs(column)
    .gtEq(pl.lit(toEpochMs(window.from)))
    .and(epochMs(column).lt(pl.lit(toEpochMs(window.to))));
}
