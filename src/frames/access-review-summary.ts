import pl from "nodejs-polars";

const CHECKS: Array<[flag: string, check: string, meaning: string]> = [
  [
    "onlyInAnaplan",
    "Only in Anaplan",
    "No EPM account matches: fine if they need Anaplan only; else a missing or mis-named EPM account.",
  ],
  [
    "onlyInEpm",
    "Only in Oracle EPM",
    "No Anaplan account matches: fine if they need EPM only; else a leaver or a shared/service login.",
  ],
  [
    "activeMismatch",
    "Active in one, inactive in the other",
    "Often a leaver disabled in one system only: disable the other account or document why.",
  ],
  [
    "changedInBoth",
    "Access changed in both",
    "Role or group changes in both systems in the window: check each against an approved request.",
  ],
  [
    "signedInWhileInactive",
    "Signed in although deactivated in Anaplan",
    "A successful sign-in event for an account the users API lists as inactive: deactivated after it, or a working disabled account.",
  ],
  [
    "signInMismatch",
    "Last sign-in: events and users API disagree",
    "The audit events and the users API's lastLoginDate tell different stories: check which one is right.",
  ],
];

/**
 * Counts the people behind each finding of an {@link accessReview}, with what each finding
 * usually means — the first table of a cross-system access review.
 *
 * @param review - the result of `accessReview(...)`
 * @returns `check`, `people`, `meaning`; one row per check in a fixed order, then "Matched,
 *   nothing to explain" and "People in total"
 * @example
 * ```ts
 * accessReviewSummary(review)
 * // ┌──────────────────────────────────────┬────────┬─────────────────────────────┐
 * // │ check                                ┆ people ┆ meaning                     │
 * // ╞══════════════════════════════════════╪════════╪═════════════════════════════╡
 * // │ Only in Anaplan                      ┆ 36     ┆ No EPM account matches: …   │
 * // │ …                                    ┆ …      ┆ …                           │
 * // │ People in total                      ┆ 301    ┆ Anaplan and EPM accounts …  │
 * // └──────────────────────────────────────┴────────┴─────────────────────────────┘
 * ```
 */
export function accessReviewSummary(review: pl.DataFrame): pl.DataFrame {
  const count = (expr: pl.Expr) => review.filter(expr).height;
  const clean = count(pl.col("finding").isNull());
  const rows = CHECKS.map(([flag, check, meaning]) => ({ check, people: count(pl.col(flag)), meaning }));
  rows.push({
    check: "Matched, nothing to explain",
    people: clean,
    meaning: "In both systems, same status, no change in both.",
  });
  rows.push({
    check: "People in total",
    people: review.height,
    meaning: "Anaplan users and EPM accounts, matched by e-mail/login.",
  });
  return pl.DataFrame([
    pl.Series(
      "check",
      rows.map((r) => r.check),
      pl.Utf8,
    ),
    pl.Series(
      "people",
      rows.map((r) => r.people),
      pl.UInt32,
    ),
    pl.Series(
      "meaning",
      rows.map((r) => r.meaning),
      pl.Utf8,
    ),
  ]);
}
