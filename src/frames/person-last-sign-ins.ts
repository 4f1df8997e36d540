import pl from "nodejs-polars";
import { anaplanPersonOf } from "./anaplan-person-of.js";
import { lastSignIns } from "./last-sign-ins.js";

/**
 * The sign-in evidence {@link personLastSignIns} reads; any may be left out.
 *
 * @example
 * ```ts
 * const sources: PersonLastSignInsSources = { anaplanEvents: events, anaplanUsers: users, epmUserLogins: logins };
 * ```
 */
export interface PersonLastSignInsSources {
  /** Anaplan audit events (successful `USR-8` rows are the sign-ins). */
  anaplanEvents?: pl.DataFrame | undefined;
  /** Anaplan users (`id`, `email`), to turn user ids into the person key. */
  anaplanUsers?: pl.DataFrame | undefined;
  /** The EPM User Login report (`userLogin`, `accessDateAndTime`). */
  epmUserLogins?: pl.DataFrame | undefined;
  /** {@link personAccounts} rows: EPM logins that are not e-mails are turned into their person. */
  accounts?: pl.DataFrame | undefined;
}

/**
 * The last sign-in of each person in each system according to the audit trails: Anaplan's
 * successful `USR-8` events (the user's e-mail is the person key; ids the users frame does not
 * know stay as they are) and EPM's User Login report (the login, or the person of that EPM
 * account in `accounts`, lower-cased).
 *
 * @param sources - events, users, the EPM logins report and the accounts
 * @returns person, anaplanLastSignIn, epmLastSignIn and lastSignIn (the later of the two), all
 *   Datetime ms UTC and null where no sign-in was seen; one row per person with a sign-in, sorted
 * @example
 * ```ts
 * personLastSignIns({ anaplanEvents, anaplanUsers, epmUserLogins, accounts })
 * // ┌─────────────────┬─────────────────────────┬───────────────┬─────────────────────────┐
 * // │ person          ┆ anaplanLastSignIn       ┆ epmLastSignIn ┆ lastSignIn              │
 * // ╞═════════════════╪═════════════════════════╪═══════════════╪═════════════════════════╡
 * // │ ann@example.com ┆ 2026-11-20 08:00:00 UTC ┆ null          ┆ 2026-11-20 08:00:00 UTC │
 * // └─────────────────┴─────────────────────────┴───────────────┴─────────────────────────┘
 * ```
 */
export function personLastSignIns(sources: PersonLastSignInsSources): pl.DataFrame {
  const latest = new Map<string, { anaplan: number | null; epm: number | null }>();
  const seen = (person: string, system: "anaplan" | "epm", at: number) => {
    if (!person) return;
    const e = latest.get(person) ?? { anaplan: null, epm: null };
    e[system] = Math.max(e[system] ?? at, at);
    latest.set(person, e);
  };
  const personOf = anaplanPersonOf(sources.anaplanUsers);
  if (sources.anaplanEvents && sources.anaplanEvents.height > 0) {
    for (const r of lastSignIns(sources.anaplanEvents).toRecords() as Record<string, unknown>[])
      seen(personOf(r.userId), "anaplan", (r.lastSignIn as Date).getTime());
  }
  const logins = epmPersons(sources.accounts);
  for (const r of (sources.epmUserLogins?.toRecords() ?? []) as Record<string, unknown>[]) {
    const login = String(r.userLogin ?? "")
      .trim()
      .toLowerCase();
    if (r.accessDateAndTime instanceof Date)
      seen(logins.get(login) ?? login, "epm", r.accessDateAndTime.getTime());
  }
  const people = [...latest.keys()].sort();
  const column = (name: string, at: (p: string) => number | null) =>
    pl.Series(name, people.map(at), pl.Float64).cast(pl.Int64).cast(pl.Datetime("ms", "UTC"));
  const both = (p: string) => {
    const e = latest.get(p)!;
    return Math.max(e.anaplan ?? e.epm!, e.epm ?? e.anaplan!);
  };
  return pl.DataFrame([
    pl.Series("person", people, pl.Utf8),
    column("anaplanLastSignIn", (p) => latest.get(p)!.anaplan),
    column("epmLastSignIn", (p) => latest.get(p)!.epm),
    column("lastSignIn", both),
  ]);
}

/** EPM login (lower-cased) → person key, from the EPM accounts of a personAccounts frame. */
function epmPersons(accounts: pl.DataFrame | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const a of accounts?.filter(pl.col("system").eq(pl.lit("epm"))).toRecords() ?? []) {
    if (a.person && a.login) map.set(String(a.login).trim().toLowerCase(), String(a.person));
  }
  return map;
}
