import pl from "nodejs-polars";
import { ValidationError } from "../errors/validation-error.js";

/** An instant given as a Date, an ISO 8601 string or epoch milliseconds. */
export type Instant = Date | string | number;

/**
 * A half-open time window `[from, to)`: `from` is included, `to` is not. Helpers take it as an
 * argument and never read the clock, so the same call on the same frame always gives the same
 * answer (and a monthly report can be rerun for last month).
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
 * @param value - a Date, an ISO 8601 string (a bare `YYYY-MM-DD` is midnight UTC) or epoch ms
 * @returns epoch milliseconds
 * @throws ValidationError when the value is not a valid instant
 * @example
 * ```ts
 * toEpochMs("2026-11-02") //=> 1793577600000
 * ```
 */
export function toEpochMs(value: Instant): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === "number" ? value : Date.parse(value);
  if (!Number.isFinite(ms)) {
    throw new ValidationError(`Not a valid instant: ${String(value)}. Pass a Date, epoch ms or an ISO date.`);
  }
  return ms;
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
