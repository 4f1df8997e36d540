import pl from "nodejs-polars";
import { fullName } from "./full-name.js";
import { lastSignIns } from "./last-sign-ins.js";
import { epochMs, type TimeWindow, toEpochMs } from "./time-window.js";

/**
 * Options of {@link signInDisagreements}.
 *
 * @example
 * ```ts
 * const options: SignInDisagreementsOptions = { window: { from: "2026-03-01", to: "2026-04-01" }, toleranceMs: 300_000 };
 * ```
 */
export interface SignInDisagreementsOptions {
  /** The window the events cover completely (sign-ins outside it are not compared). */
  window: TimeWindow;
  /** How far apart the event and `lastLoginDate` may be and still agree. @default 300000 (5 minutes) */
  toleranceMs?: number | undefined;
}

/**
 * The three ways the users API and the events can disagree, as shown in the `disagreement` column.
 *
 * @example
 * ```ts
 * Object.keys(SIGN_IN_DISAGREEMENTS).length //=> 3
 * ```
 */
export const SIGN_IN_DISAGREEMENTS = Object.freeze({
  apiNever: "sign-in events in the window, but the users API has no lastLoginDate",
  apiOlder: "the users API's lastLoginDate is older than the last sign-in event",
  eventsMissing: "the users API reports a sign-in in the window that the audit events do not show",
} as const);

/**
 * Compares each Anaplan user's last sign-in according to the audit events (successful USR-8 in
 * the window) with the users API's `lastLoginDate`, and lists the users where they disagree:
 * a sign-in event although the API says never, an API date older than a sign-in event, or an
 * API date inside the window with no sign-in event at that time. An API date after the window
 * cannot be checked against it and is not listed.
 *
 * @param users - an Anaplan users frame (`id`, `email`, `firstName`, `lastName`, `active`, `lastLoginDate`)
 * @param events - an Anaplan events frame covering `window` completely
 * @param options - window and tolerance
 * @returns `userId`, `email`, `name`, `active`, `lastSignIn` (events), `lastLoginDate` (users
 *   API), `disagreement` (one of {@link SIGN_IN_DISAGREEMENTS}); only users that disagree,
 *   sorted by email; zero rows when every user agrees
 * @example
 * ```ts
 * signInDisagreements(users, events, { window: { from: "2026-11-01", to: "2026-12-01" } })
 * // │ userId ┆ email           ┆ … ┆ lastSignIn              ┆ lastLoginDate           ┆ disagreement        │
 * // │ u2     ┆ ben@example.com ┆ … ┆ 2026-11-20 08:00:00 UTC ┆ null                    ┆ sign-in events in … │
 * ```
 */
export function signInDisagreements(
  users: pl.DataFrame,
  events: pl.DataFrame,
  options: SignInDisagreementsOptions,
): pl.DataFrame {
  const tolerance = options.toleranceMs ?? 300_000;
  const from = toEpochMs(options.window.from);
  const to = toEpochMs(options.window.to);
  const seen = epochMs("lastSignIn");
  const api = epochMs("lastLoginDate");
  const apiInWindow = api.gtEq(pl.lit(from)).and(api.lt(pl.lit(to)));
  const disagreement = pl
    .when(seen.isNotNull().and(api.isNull()))
    .then(pl.lit(SIGN_IN_DISAGREEMENTS.apiNever))
    .when(seen.isNotNull().and(api.lt(seen.minus(pl.lit(tolerance)))))
    .then(pl.lit(SIGN_IN_DISAGREEMENTS.apiOlder))
    .when(apiInWindow.and(seen.isNull().or(seen.lt(api.minus(pl.lit(tolerance))))))
    .then(pl.lit(SIGN_IN_DISAGREEMENTS.eventsMissing))
    .otherwise(pl.lit(null));
  return users
    .select(
      pl.col("id").alias("userId"),
      "email",
      fullName("firstName", "lastName").alias("name"),
      "active",
      pl.col("lastLoginDate").cast(pl.Datetime("ms", "UTC")),
    )
    .join(lastSignIns(events, { window: options.window }).drop("signIns"), { on: "userId", how: "left" })
    .withColumns(disagreement.alias("disagreement"))
    .filter(pl.col("disagreement").isNotNull())
    .sort("email")
    .select("userId", "email", "name", "active", "lastSignIn", "lastLoginDate", "disagreement");
}
