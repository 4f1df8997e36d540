import pl from "nodejs-polars";
import { personKey } from "./person-key.js";
import { inWindow, type TimeWindow } from "./time-window.js";

/**
 * Options of {@link epmSignInSummary}.
 *
 * @example
 * ```ts
 * const options: EpmSignInSummaryOptions = { window: { from: "2026-03-01", to: "2026-04-01" } };
 * ```
 */
export interface EpmSignInSummaryOptions {
  /** Only sign-ins inside this window. @default all rows */
  window?: TimeWindow;
}

/**
 * Per user name, Oracle EPM sign-ins and failed sign-ins side by side: from the User Login
 * report (successes) and the Invalid Login report (failures), matched on the login trimmed and
 * lower-cased. Names with failures only are often people without an EPM account (the Invalid
 * Login report covers the whole identity domain) or guessing attacks.
 *
 * @param userLogins - `epm.reports.userLogins(...)` (userLogin, ipAddress, accessDateAndTime)
 * @param invalidLogins - `epm.reports.invalidLogins(...)` (userName, ipAddress, dateAndTime)
 * @param options - window
 * @returns `user` (normalised login), `signIns`, `failures`, `distinctIps` (over both),
 *   `lastSignIn`, `lastFailure`; most failures first, then user
 * @example
 * ```ts
 * epmSignInSummary(userLogins, invalidLogins)
 * // ┌─────────────────┬─────────┬──────────┬─────────────┬─────────────────────────┬─────────────────────────┐
 * // │ user            ┆ signIns ┆ failures ┆ distinctIps ┆ lastSignIn              ┆ lastFailure             │
 * // ╞═════════════════╪═════════╪══════════╪═════════════╪═════════════════════════╪═════════════════════════╡
 * // │ root            ┆ 0       ┆ 7        ┆ 3           ┆ null                    ┆ 2026-11-02 03:00:00 UTC │
 * // │ ada@example.com ┆ 12      ┆ 1        ┆ 2           ┆ 2026-11-02 09:00:00 UTC ┆ 2026-11-01 08:59:00 UTC │
 * // └─────────────────┴─────────┴──────────┴─────────────┴─────────────────────────┴─────────────────────────┘
 * ```
 */
export function epmSignInSummary(
  userLogins: pl.DataFrame,
  invalidLogins: pl.DataFrame,
  options: EpmSignInSummaryOptions = {},
): pl.DataFrame {
  const utc = (c: string) => pl.col(c).cast(pl.Datetime("ms", "UTC"));
  const ok = userLogins
    .filter(inWindow("accessDateAndTime", options.window))
    .select(
      personKey("userLogin").alias("user"),
      "ipAddress",
      utc("accessDateAndTime").alias("at"),
      pl.lit(true).alias("ok"),
    );
  const failed = invalidLogins
    .filter(inWindow("dateAndTime", options.window))
    .select(
      personKey("userName").alias("user"),
      "ipAddress",
      utc("dateAndTime").alias("at"),
      pl.lit(false).alias("ok"),
    );
  const isOk = pl.col("ok");
  return pl
    .concat([ok, failed], { how: "vertical" })
    .filter(pl.col("user").isNotNull())
    .groupBy("user")
    .agg(
      isOk.sum().cast(pl.UInt32).alias("signIns"),
      isOk.not().sum().cast(pl.UInt32).alias("failures"),
      pl.col("ipAddress").dropNulls().nUnique().cast(pl.UInt32).alias("distinctIps"),
      pl.col("at").filter(isOk).max().alias("lastSignIn"),
      pl.col("at").filter(isOk.not()).max().alias("lastFailure"),
    )
    .sort(["failures", "user"], [true, false])
    .select("user", "signIns", "failures", "distinctIps", "lastSignIn", "lastFailure");
}
