import pl from "nodejs-polars";
import { ANAPLAN_EVENT_TYPES } from "./anaplan-event-types.js";
import { inWindow, type TimeWindow } from "./time-window.js";

/**
 * Options of {@link signInSummary}.
 *
 * @example
 * ```ts
 * const options: SignInSummaryOptions = { window: { from: "2026-03-01", to: "2026-04-01" } };
 * ```
 */
export interface SignInSummaryOptions {
  /** Only sign-ins inside this window. @default all events */
  window?: TimeWindow;
  /** Event type of a successful sign-in. @default "USR-8" */
  successType?: string;
  /** Event type of a failed sign-in. @default "USR-9" */
  failureType?: string;
}

const NAME_COLUMNS = ["firstName", "lastName", "email"] as const;

/**
 * Per user: how often they signed in, how often they failed, from how many IP addresses, and
 * when they first and last signed in. Many failures, many addresses or a first sign-in late in
 * the window are what an access review follows up. Pass `withUsers(events, users)` for names.
 *
 * @param events - an Anaplan events frame, optionally joined with users
 * @param options - window and the sign-in event types
 * @returns `userId`, then `firstName`, `lastName`, `email` when the input has them, then
 *   `successes`, `failures`, `distinctIps` (over successes and failures), `firstSignIn` and
 *   `lastSignIn` (successful ones; null when none), `lastFailure`; most failures first, then userId
 * @example
 * ```ts
 * signInSummary(events)
 * // ┌────────┬───────────┬──────────┬─────────────┬─────────────────────────┬─────────────────────────┬─────────────────────────┐
 * // │ userId ┆ successes ┆ failures ┆ distinctIps ┆ firstSignIn             ┆ lastSignIn              ┆ lastFailure             │
 * // ╞════════╪═══════════╪══════════╪═════════════╪═════════════════════════╪═════════════════════════╪═════════════════════════╡
 * // │ u2     ┆ 0         ┆ 2        ┆ 1           ┆ null                    ┆ null                    ┆ 2026-11-02 07:00:00 UTC │
 * // │ u1     ┆ 2         ┆ 1        ┆ 2           ┆ 2026-11-01 08:00:00 UTC ┆ 2026-11-02 08:00:00 UTC ┆ 2026-11-01 07:59:00 UTC │
 * // └────────┴───────────┴──────────┴─────────────┴─────────────────────────┴─────────────────────────┴─────────────────────────┘
 * ```
 */
export function signInSummary(events: pl.DataFrame, options: SignInSummaryOptions = {}): pl.DataFrame {
  const success = options.successType ?? ANAPLAN_EVENT_TYPES.signInSuccess;
  const failure = options.failureType ?? ANAPLAN_EVENT_TYPES.signInFailure;
  const names = NAME_COLUMNS.filter((c) => events.columns.includes(c));
  const isSuccess = pl.col("eventTypeId").eq(pl.lit(success));
  const isFailure = pl.col("eventTypeId").eq(pl.lit(failure));
  const date = pl.col("eventDate");
  return events
    .filter(inWindow("eventDate", options.window).and(pl.col("eventTypeId").isIn([success, failure])))
    .groupBy("userId")
    .agg(
      ...names.map((c) => pl.col(c).first()),
      isSuccess.sum().cast(pl.UInt32).alias("successes"),
      isFailure.sum().cast(pl.UInt32).alias("failures"),
      pl.col("ipAddress").dropNulls().nUnique().cast(pl.UInt32).alias("distinctIps"),
      date.filter(isSuccess).min().alias("firstSignIn"),
      date.filter(isSuccess).max().alias("lastSignIn"),
      date.filter(isFailure).max().alias("lastFailure"),
    )
    .sort(["failures", "userId"], [true, false])
    .select(
      "userId",
      ...names,
      "successes",
      "failures",
      "distinctIps",
      "firstSignIn",
      "lastSignIn",
      "lastFailure",
    );
}
