import pl from "nodejs-polars";
import { epmPersonKey, personKey } from "./person-key.js";

/**
 * Columns of {@link personAccounts}: person (the key), system (`anaplan`/`epm`), source
 * (`anaplan-users`, `scim`, `epm`), accountId (Anaplan user id; the EPM login), login (e-mail or
 * EPM login as given), email.
 *
 * @example
 * ```ts
 * Object.keys(PERSON_ACCOUNT_SCHEMA)[0] //=> "person"
 * ```
 */
export const PERSON_ACCOUNT_SCHEMA = Object.freeze({
  person: pl.Utf8,
  system: pl.Utf8,
  source: pl.Utf8,
  accountId: pl.Utf8,
  login: pl.Utf8,
  email: pl.Utf8,
});

/**
 * The account lists {@link personAccounts} reads; any may be left out.
 *
 * @example
 * ```ts
 * const sources: PersonAccountSources = { anaplanUsers: users, epmUsers: roleAssignments };
 * ```
 */
export interface PersonAccountSources {
  /** `GET /2/0/users` (ANAPLAN_USER_SCHEMA: `id`, `email`). */
  anaplanUsers?: pl.DataFrame | undefined;
  /** SCIM users (`anaplan.entitlements.users()`: `id`, `email`). */
  scimUsers?: pl.DataFrame | undefined;
  /** EPM accounts: any frame with `userLogin` and optionally `email` (List Users, Role Assignment, User Group). */
  epmUsers?: pl.DataFrame | undefined;
}

/**
 * One person key for every account of both systems: Anaplan users and SCIM users by their
 * e-mail, trimmed and lower-cased ({@link personKey}); EPM accounts by their login when it is an
 * e-mail, else their e-mail column ({@link epmPersonKey}). One row per account and source
 * (duplicates within a source dropped); accounts without any key are kept with a null person.
 *
 * @param sources - the account lists
 * @returns the accounts ({@link PERSON_ACCOUNT_SCHEMA}), sorted by person, system, source
 * @example
 * ```ts
 * const accounts = personAccounts({ anaplanUsers, scimUsers, epmUsers: await epm.entitlements.userRoles() });
 * ```
 */
export function personAccounts(sources: PersonAccountSources): pl.DataFrame {
  const parts: pl.DataFrame[] = [pl.DataFrame([], { schema: PERSON_ACCOUNT_SCHEMA })];
  const anaplan = (frame: pl.DataFrame | undefined, source: string) => {
    if (!frame) return;
    parts.push(
      frame.select(
        personKey("email").alias("person"),
        pl.lit("anaplan").alias("system"),
        pl.lit(source).alias("source"),
        pl.col("id").cast(pl.Utf8).alias("accountId"),
        pl.col("email").cast(pl.Utf8).alias("login"),
        pl.col("email").cast(pl.Utf8).alias("email"),
      ),
    );
  };
  anaplan(sources.anaplanUsers, "anaplan-users");
  anaplan(sources.scimUsers, "scim");
  const epm = sources.epmUsers;
  if (epm) {
    parts.push(
      epm.select(
        epmPersonKey(epm).alias("person"),
        pl.lit("epm").alias("system"),
        pl.lit("epm").alias("source"),
        pl.col("userLogin").cast(pl.Utf8).alias("accountId"),
        pl.col("userLogin").cast(pl.Utf8).alias("login"),
        (epm.columns.includes("email") ? pl.col("email").cast(pl.Utf8) : pl.lit(null).cast(pl.Utf8)).alias(
          "email",
        ),
      ),
    );
  }
  return pl
    .concat(parts, { how: "vertical" })
    .unique({ subset: ["system", "source", "accountId"], keep: "first", maintainOrder: true })
    .sort(["person", "system", "source", "accountId"], false, true);
}

/**
 * The accounts that match no person on the other side: Anaplan accounts whose person has no EPM
 * account, and EPM accounts whose person has no Anaplan account (accounts without a key never
 * match). Only meaningful when both systems' lists were read; with one side missing, every
 * account of the other side is unmatched.
 *
 * @param accounts - {@link personAccounts} output
 * @returns the same columns plus `missingIn` (`epm` or `anaplan`), sorted
 * @example
 * ```ts
 * unmatchedAccounts(personAccounts({ anaplanUsers, epmUsers })).filter(pl.col("missingIn").eq(pl.lit("epm")))
 * ```
 */
export function unmatchedAccounts(accounts: pl.DataFrame): pl.DataFrame {
  const peopleIn = (system: string) =>
    accounts
      .filter(pl.col("system").eq(pl.lit(system)).and(pl.col("person").isNotNull()))
      .select("person")
      .unique();
  const side = (system: string, other: string) =>
    accounts
      .filter(pl.col("system").eq(pl.lit(system)))
      .join(peopleIn(other), { on: "person", how: "anti" })
      .withColumns(pl.lit(other).alias("missingIn"));
  return pl
    .concat([side("anaplan", "epm"), side("epm", "anaplan")], { how: "vertical" })
    .select(...Object.keys(PERSON_ACCOUNT_SCHEMA), "missingIn")
    .sort(["person", "system", "source", "accountId"], false, true);
}
