import pl from "nodejs-polars";
import { ANAPLAN_EVENT_TYPES } from "./anaplan-event-types.js";
import { epochMs, type Instant, toEpochMs } from "./time-window.js";

/**
 * Options of {@link inactiveUsers}.
 *
 * @example
 * ```ts
 * const options: InactiveUsersOptions = { asOf: "2026-04-01", days: 90 };
 * ```
 */
export interface InactiveUsersOptions {
  /** The instant the review is made as of; sign-ins after it are ignored. */
  asOf: Instant;
  /** An account is inactive when its last sign-in is more than this many days before `asOf`. */
  days: number;
  /** Event type of a successful sign-in. @default "USR-8" */
  successType?: string;
}

const DAY_MS = 86_400_000;

/**
 * Active accounts nobody has signed in to for `days` days as of `asOf` — candidates for removal
 * in an access review. The last sign-in is the later of the user's `lastLoginDate` and their last
 * successful sign-in event; accounts that never signed in are listed first.
 *
 * @param users - an Anaplan users frame
 * @param events - an Anaplan events frame (may cover only part of the history: lastLoginDate fills in)
 * @param options - `asOf`, `days` and the sign-in event type
 * @returns `id`, `email`, `firstName`, `lastName`, `lastSignIn` (null: never) and
 *   `daysSinceSignIn` (whole days, null: never); never-signed-in first, then oldest first
 * @example
 * ```ts
 * inactiveUsers(users, events, { asOf: "2026-12-01", days: 30 })
 * // ┌─────┬─────────────────┬───────────┬──────────┬─────────────────────────┬─────────────────┐
 * // │ id  ┆ email           ┆ firstName ┆ lastName ┆ lastSignIn              ┆ daysSinceSignIn │
 * // ╞═════╪═════════════════╪═══════════╪══════════╪═════════════════════════╪═════════════════╡
 * // │ u3  ┆ cy@example.com  ┆ Cy        ┆ Moreau   ┆ null                    ┆ null            │
 * // │ u1  ┆ ada@example.com ┆ Ada       ┆ Okafor   ┆ 2026-09-01 10:00:00 UTC ┆ 91              │
 * // └─────┴─────────────────┴───────────┴──────────┴─────────────────────────┴─────────────────┘
 * ```
 */
export function inactiveUsers(
  users: pl.DataFrame,
  events: pl.DataFrame,
  options: InactiveUsersOptions,
): pl.DataFrame {
  const asOf = toEpochMs(options.asOf);
  const cutoff = asOf - options.days * DAY_MS;
  const successType = options.successType ?? ANAPLAN_EVENT_TYPES.signInSuccess;
  const lastEvent = events
    .filter(
      pl
        .col("eventTypeId")
        .eq(pl.lit(successType))
        .and(epochMs("eventDate").ltEq(pl.lit(asOf))),
    )
    .groupBy("userId")
    .agg(epochMs("eventDate").max().alias("lastEventMs"));
  const loginMs = epochMs("lastLoginDate");
  const fromUsers = pl
    .when(loginMs.ltEq(pl.lit(asOf)))
    .then(loginMs)
    .otherwise(pl.lit(null));
  const lastMs = pl
    .when(
      pl
        .col("lastEventMs")
        .isNull()
        .or(pl.col("loginMs").gt(pl.col("lastEventMs"))),
    )
    .then(pl.col("loginMs"))
    .otherwise(pl.col("lastEventMs"));
  return users
    .filter(pl.col("active"))
    .withColumns(fromUsers.alias("loginMs"))
    .join(lastEvent, { leftOn: "id", rightOn: "userId", how: "left" })
    .withColumns(lastMs.alias("lastMs"))
    .filter(
      pl
        .col("lastMs")
        .isNull()
        .or(pl.col("lastMs").lt(pl.lit(cutoff))),
    )
    .sort(["lastMs", "email"], [false, false], false)
    .select(
      "id",
      "email",
      "firstName",
      "lastName",
      pl.col("lastMs").cast(pl.Datetime("ms")).dt.replaceTimeZone("UTC").alias("lastSignIn"),
      pl.lit(asOf).sub(pl.col("lastMs")).div(pl.lit(DAY_MS)).floor().cast(pl.Int32).alias("daysSinceSignIn"),
    );
}
