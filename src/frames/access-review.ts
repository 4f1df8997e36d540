import pl from "nodejs-polars";
import { fullName } from "./full-name.js";
import { lastSignIns } from "./last-sign-ins.js";
import { epmPersonKey, personKey } from "./person-key.js";
import { signInDisagreements } from "./sign-in-disagreements.js";
import { inWindow, type TimeWindow } from "./time-window.js";

/**
 * Options of {@link accessReview}.
 *
 * @example
 * ```ts
 * const options: AccessReviewOptions = { anaplanChanges, epmChanges, window: { from: "2026-03-01", to: "2026-04-01" } };
 * ```
 */
export interface AccessReviewOptions {
  /** Anaplan audit events covering `window`: the last sign-in comes from their successful USR-8. @default none */
  anaplanEvents?: pl.DataFrame;
  /** The part of `window` the events cover completely (for the sign-in comparison). @default window */
  anaplanEventsWindow?: TimeWindow | undefined;
  /** How far a sign-in event and `lastLoginDate` may be apart and still agree. @default 300000 (5 minutes) */
  signInToleranceMs?: number;
  /** Result of `anaplanAccessChanges(events, users)`, to count Anaplan changes per person. @default none */
  anaplanChanges?: pl.DataFrame;
  /** Result of `epmAccessChanges([groupAudit, roleAudit])`, to count EPM changes per person. @default none */
  epmChanges?: pl.DataFrame;
  /** EPM User Login report (`userLogin`, `accessDateAndTime`), for the last EPM sign-in. @default none */
  epmLogins?: pl.DataFrame;
  /** Count only changes and sign-ins inside this window (the window the events cover). @default everything given */
  window?: TimeWindow;
}

const FINDINGS: Array<[flag: string, label: string]> = [
  ["onlyInAnaplan", "only in Anaplan"],
  ["onlyInEpm", "only in EPM"],
  ["activeMismatch", "active in one system, inactive in the other"],
  ["changedInBoth", "access changed in both"],
  ["signedInWhileInactive", "signed in although deactivated in Anaplan"],
  ["signInMismatch", "last sign-in: events and users API disagree"],
];

/** Changes or logins keyed by person: e-mail-like names directly, logins through the EPM accounts. */
function byPerson(rows: pl.DataFrame, login: string, logins: pl.DataFrame): pl.DataFrame {
  const key = personKey(login);
  return rows
    .withColumns(key.alias("loginKey"))
    .join(logins, { on: "loginKey", how: "left" })
    .withColumns(
      pl
        .col("person")
        .fillNull(
          pl
            .when(pl.col("loginKey").str.contains("@", true))
            .then(pl.col("loginKey"))
            .otherwise(pl.lit(null)),
        ),
    )
    .filter(pl.col("person").isNotNull());
}

/**
 * The cross-system access review: every person with an account in Anaplan, in Oracle EPM or in
 * both, matched by normalised e-mail/login (trimmed, lower-cased; an EPM login without "@" is
 * matched through the EPM e-mail column where the frame has one), with what needs explaining:
 * accounts in only one system, accounts active in one and inactive in the other, people whose
 * access changed in both systems within the window, deactivated Anaplan users with a
 * successful sign-in event, and users whose last sign-in per the audit events disagrees with
 * the users API's `lastLoginDate` (see `signInDisagreements`).
 *
 * The Anaplan last sign-in comes from the audit events (`anaplanEvents`: successful USR-8 in
 * the window), not from the users API; `anaplanLastLoginDate` shows the API's value beside it.
 * Without `anaplanEvents` both sign-in flags are false and `anaplanLastSignIn` is null.
 *
 * EPM accounts are taken as active unless `epmUsers` has a Boolean `active` column (the EPM
 * Role Assignment report leaves deactivated users out).
 *
 * @param anaplanUsers - an Anaplan users frame
 * @param epmUsers - EPM accounts: `userLogin` and optionally `email`, `firstName`, `lastName`,
 *   `active` (e.g. `epm.reports.userGroups()`; several rows per login are fine)
 * @param options - events, change frames, EPM logins and the window
 * @returns one row per person: `person`, `name`, `anaplanUserId`, `epmLogin`, `anaplanActive`,
 *   `epmActive`, `anaplanLastSignIn` (events), `anaplanLastLoginDate` (users API),
 *   `epmLastSignIn`, `anaplanChanges`, `epmChanges`, `onlyInAnaplan`, `onlyInEpm`,
 *   `activeMismatch`, `changedInBoth`, `signedInWhileInactive`, `signInMismatch`, `finding` (the
 *   labels that apply, "; "-separated; null when nothing needs explaining); sorted by person
 * @example
 * ```ts
 * accessReview(users, userGroups, { anaplanEvents: events, anaplanChanges, epmChanges, window })
 *   .filter(pl.col("finding").isNotNull())
 * // ┌─────────────────┬───────────┬──────────────┬─────────┬───────────────┬───────────┬─────┬─────────────────┐
 * // │ person          ┆ name      ┆ anaplanUserId┆ epmLogin┆ anaplanActive ┆ epmActive ┆ …   ┆ finding         │
 * // ╞═════════════════╪═══════════╪══════════════╪═════════╪═══════════════╪═══════════╪═════╪═════════════════╡
 * // │ ben@example.com ┆ Ben Patel ┆ u2           ┆ null    ┆ true          ┆ null      ┆ …   ┆ only in Anaplan │
 * // │ kim@example.com ┆ Kim Jensen┆ null         ┆ kjensen ┆ null          ┆ true      ┆ …   ┆ only in EPM     │
 * // └─────────────────┴───────────┴──────────────┴─────────┴───────────────┴───────────┴─────┴─────────────────┘
 * ```
 */
export function accessReview(
  anaplanUsers: pl.DataFrame,
  epmUsers: pl.DataFrame,
  options: AccessReviewOptions = {},
): pl.DataFrame {
  const anaplan = anaplanPeople(anaplanUsers, options);
  const { people: epm, logins } = epmPeople(epmUsers);
  const review = anaplan
    .join(epm, { on: "person", how: "full", coalesce: true })
    .join(countAnaplanChanges(options), { on: "person", how: "left" })
    .join(countEpmChanges(options, logins), { on: "person", how: "left" })
    .join(lastEpmSignIn(options, logins), { on: "person", how: "left" });
  return withFinding(withFlags(review))
    .sort("person")
    .select(
      "person",
      pl.col("anaplanName").fillNull(pl.col("epmName")).alias("name"),
      "anaplanUserId",
      "epmLogin",
      "anaplanActive",
      "epmActive",
      "anaplanLastSignIn",
      "anaplanLastLoginDate",
      "epmLastSignIn",
      "anaplanChanges",
      "epmChanges",
      ...FINDINGS.map(([flag]) => flag),
      "finding",
    );
}

/** One row per Anaplan person: id, name, status, last sign-in (events) and the API's lastLoginDate. */
function anaplanPeople(users: pl.DataFrame, options: AccessReviewOptions): pl.DataFrame {
  const people = users
    .select(
      personKey("email").alias("person"),
      pl.col("id").alias("anaplanUserId"),
      fullName("firstName", "lastName").alias("anaplanName"),
      pl.col("active").alias("anaplanActive"),
      pl.col("lastLoginDate").cast(pl.Datetime("ms", "UTC")).alias("anaplanLastLoginDate"),
    )
    .filter(pl.col("person").isNotNull())
    .unique({ subset: "person", keep: "first", maintainOrder: true });
  const events = options.anaplanEvents;
  const eventsWindow = options.anaplanEventsWindow ?? options.window;
  const signIns = events
    ? lastSignIns(events, { window: eventsWindow }).select(
        pl.col("userId").alias("anaplanUserId"),
        pl.col("lastSignIn").alias("anaplanLastSignIn"),
      )
    : pl.DataFrame([
        pl.Series("anaplanUserId", [], pl.Utf8),
        pl.Series("anaplanLastSignIn", [], pl.Int64).cast(pl.Datetime("ms", "UTC")),
      ]);
  const mismatched =
    events && eventsWindow
      ? signInDisagreements(users, events, {
          window: eventsWindow,
          toleranceMs: options.signInToleranceMs,
        }).select(pl.col("userId").alias("anaplanUserId"), pl.lit(true).alias("signInMismatch"))
      : pl.DataFrame([pl.Series("anaplanUserId", [], pl.Utf8), pl.Series("signInMismatch", [], pl.Bool)]);
  return people
    .join(signIns, { on: "anaplanUserId", how: "left" })
    .join(mismatched, { on: "anaplanUserId", how: "left" })
    .select(
      "person",
      "anaplanUserId",
      "anaplanName",
      "anaplanActive",
      "anaplanLastSignIn",
      "anaplanLastLoginDate",
      pl.col("signInMismatch").fillNull(false),
    );
}

/** One row per EPM person (and the login → person lookup for change and login rows). */
function epmPeople(epmUsers: pl.DataFrame): { people: pl.DataFrame; logins: pl.DataFrame } {
  const has = (c: string) => epmUsers.columns.includes(c);
  const accounts = epmUsers
    .select(
      epmPersonKey(epmUsers).alias("person"),
      personKey("userLogin").alias("loginKey"),
      pl.col("userLogin").str.strip().alias("epmLogin"),
      (has("firstName") && has("lastName")
        ? fullName("firstName", "lastName")
        : pl.lit(null).cast(pl.Utf8)
      ).alias("epmName"),
      (has("active") ? pl.col("active") : pl.lit(true)).alias("epmActive"),
    )
    .filter(pl.col("person").isNotNull());
  return {
    logins: accounts.select("loginKey", "person").unique({ subset: "loginKey", keep: "first" }),
    people: accounts.drop("loginKey").unique({ subset: "person", keep: "first", maintainOrder: true }),
  };
}

/** Adds the finding flags (counts default to 0). */
function withFlags(review: pl.DataFrame): pl.DataFrame {
  const inAnaplan = pl.col("anaplanUserId").isNotNull();
  const inEpm = pl.col("epmLogin").isNotNull();
  const anaplanChanges = pl.col("anaplanChanges").fillNull(0).cast(pl.UInt32);
  const epmChanges = pl.col("epmChanges").fillNull(0).cast(pl.UInt32);
  return review.withColumns(
    anaplanChanges,
    epmChanges,
    inAnaplan.and(inEpm.not()).alias("onlyInAnaplan"),
    inEpm.and(inAnaplan.not()).alias("onlyInEpm"),
    inAnaplan
      .and(inEpm)
      .and(pl.col("anaplanActive").neq(pl.col("epmActive")))
      .fillNull(false)
      .alias("activeMismatch"),
    anaplanChanges.gt(0).and(epmChanges.gt(0)).alias("changedInBoth"),
    pl
      .col("anaplanActive")
      .not()
      .and(pl.col("anaplanLastSignIn").isNotNull())
      .fillNull(false)
      .alias("signedInWhileInactive"),
    pl.col("signInMismatch").fillNull(false),
  );
}

/** Adds `finding`: the labels of the flags that are set, or null when none is. */
function withFinding(review: pl.DataFrame): pl.DataFrame {
  const labels = FINDINGS.map(([flag, label]) =>
    pl.when(pl.col(flag)).then(pl.lit(label)).otherwise(pl.lit(null)),
  );
  const finding = pl.concatString(labels, "; ", true);
  return review.withColumns(
    pl
      .when(finding.eq(pl.lit("")))
      .then(pl.lit(null))
      .otherwise(finding)
      .alias("finding"),
  );
}

function countAnaplanChanges(options: AccessReviewOptions): pl.DataFrame {
  const changes = options.anaplanChanges;
  if (!changes)
    return pl.DataFrame([pl.Series("person", [], pl.Utf8), pl.Series("anaplanChanges", [], pl.UInt32)]);
  return changes
    .filter(inWindow("eventDate", options.window))
    .select(personKey("targetEmail").alias("person"))
    .filter(pl.col("person").isNotNull())
    .groupBy("person")
    .agg(pl.len().alias("anaplanChanges"));
}

function countEpmChanges(options: AccessReviewOptions, logins: pl.DataFrame): pl.DataFrame {
  const changes = options.epmChanges;
  if (!changes)
    return pl.DataFrame([pl.Series("person", [], pl.Utf8), pl.Series("epmChanges", [], pl.UInt32)]);
  const userRows = changes.filter(
    inWindow("dateAndTime", options.window).and(
      pl.col("memberType").str.toLowerCase().str.contains("group").not(),
    ),
  );
  return byPerson(userRows, "member", logins).groupBy("person").agg(pl.len().alias("epmChanges"));
}

function lastEpmSignIn(options: AccessReviewOptions, logins: pl.DataFrame): pl.DataFrame {
  const epmLogins = options.epmLogins;
  if (!epmLogins) {
    return pl.DataFrame([
      pl.Series("person", [], pl.Utf8),
      pl.Series("epmLastSignIn", [], pl.Int64).cast(pl.Datetime("ms")).dt.replaceTimeZone("UTC"),
    ]);
  }
  return byPerson(epmLogins.filter(inWindow("accessDateAndTime", options.window)), "userLogin", logins)
    .groupBy("person")
    .agg(pl.col("accessDateAndTime").cast(pl.Datetime("ms", "UTC")).max().alias("epmLastSignIn"));
}
