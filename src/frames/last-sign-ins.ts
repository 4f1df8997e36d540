import pl from "nodejs-polars";
import { ANAPLAN_EVENT_TYPES } from "./anaplan-event-types.js";
import { inWindow, type TimeWindow } from "./time-window.js";

/**
 * Options of {@link lastSignIns}.
 *
 * @example
 * ```ts
 * const options: LastSignInsOptions = { window: { from: "2026-03-01", to: "2026-04-01" } };
 * ```
 */
export interface LastSignInsOptions {
  /** Only sign-ins inside this window. @default all events */
  window?: TimeWindow | undefined;
  /** Event type of a successful sign-in. @default "USR-8" */
  successType?: string;
}

/**
 * Each user's last successful sign-in according to the audit events (USR-8 with `success`
 * true), the evidence an access review trusts over a profile field.
 *
 * @param events - an Anaplan events frame
 * @param options - window and the sign-in event type
 * @returns `userId`, `lastSignIn` (Datetime ms UTC), `signIns` (UInt32); one row per user with a
 *   successful sign-in, sorted by userId; a zero-row frame with these columns when there is none
 * @example
 * ```ts
 * lastSignIns(events, { window: { from: "2026-11-01", to: "2026-12-01" } })
 * // ┌────────┬─────────────────────────┬─────────┐
 * // │ userId ┆ lastSignIn              ┆ signIns │
 * // ╞════════╪═════════════════════════╪═════════╡
 * // │ u1     ┆ 2026-11-20 08:00:00 UTC ┆ 3       │
 * // └────────┴─────────────────────────┴─────────┘
 * ```
 */
export function lastSignIns(events: pl.DataFrame, options: LastSignInsOptions = {}): pl.DataFrame {
  const success = options.successType ?? ANAPLAN_EVENT_TYPES.signInSuccess;
  return events
    .filter(
      inWindow("eventDate", options.window)
        .and(pl.col("eventTypeId").eq(pl.lit(success)))
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
