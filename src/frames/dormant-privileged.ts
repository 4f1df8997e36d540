import pl, { type DataType } from "nodejs-polars";
import { type Instant, toEpochMs } from "./time-window.js";

/**
 * Options of {@link dormantPrivileged}.
 *
 * @example
 * ```ts
 * const options: DormantPrivilegedOptions = { asOf: "2026-12-01", days: 90 };
 * ```
 */
export interface DormantPrivilegedOptions {
  /** The moment dormancy is judged at: the end of the review window (e.g. the day after its last day, 00:00 UTC). */
  asOf: Instant;
  /** Days without a sign-in after which a privileged account is dormant. */
  days: number;
}

const DAY_MS = 86_400_000;

/**
 * The privileged accounts nobody uses: each person and system where the person holds a
 * privileged right ({@link privilegedHolders}) and has not signed in to that system for at
 * least `days` days before `asOf`, or was never seen signing in. "Never seen" only means no
 * sign-in in the evidence given (the events read): a reviewer should read it with the evidence's
 * first day in mind.
 *
 * @param holders - {@link privilegedHolders} output
 * @param signIns - {@link personLastSignIns} output
 * @param options - `asOf` and `days`
 * @returns person, system, privileges (the privileged rights, sorted, joined with "; "),
 *   lastSignIn (Datetime ms UTC, null when never seen), daysSinceSignIn (whole days, null when
 *   never seen), status (`dormant` or `never seen`); sorted by status, person, system
 * @throws ValidationError when `asOf` is not an instant
 * @example
 * ```ts
 * dormantPrivileged(privilegedHolders(snapshot), personLastSignIns({ anaplanEvents, anaplanUsers }), { asOf: "2026-12-01", days: 90 })
 * ```
 */
export function dormantPrivileged(
  holders: pl.DataFrame,
  signIns: pl.DataFrame,
  options: DormantPrivilegedOptions,
): pl.DataFrame {
  const asOf = toEpochMs(options.asOf);
  const last = lastByAccount(signIns);
  const rows = [...privilegesByAccount(holders).entries()].flatMap(([key, privileges]) => {
    const [person, system] = key.split("\u0001") as [string, string];
    const at = last.get(key) ?? null;
    if (at !== null && asOf - at < options.days * DAY_MS) return [];
    const since = at === null ? null : Math.floor((asOf - at) / DAY_MS);
    const status = at === null ? "never seen" : "dormant";
    return [
      {
        key: `${status}\u0001${key}`,
        person,
        system,
        privileges: [...privileges].sort().join("; "),
        at,
        since,
        status,
      },
    ];
  });
  rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const column = <T>(name: string, pick: (r: (typeof rows)[number]) => T, dtype: DataType) =>
    pl.Series(name, rows.map(pick), dtype);
  return pl.DataFrame([
    column("person", (r) => r.person, pl.Utf8),
    column("system", (r) => r.system, pl.Utf8),
    column("privileges", (r) => r.privileges, pl.Utf8),
    column("lastSignIn", (r) => r.at, pl.Float64)
      .cast(pl.Int64)
      .cast(pl.Datetime("ms", "UTC")),
    column("daysSinceSignIn", (r) => r.since, pl.Int64),
    column("status", (r) => r.status, pl.Utf8),
  ]);
}

/** person + system → the latest sign-in there (epoch ms), null when none. */
function lastByAccount(signIns: pl.DataFrame): Map<string, number | null> {
  const last = new Map<string, number | null>();
  for (const s of signIns.toRecords() as Record<string, unknown>[]) {
    const at = (column: string) => (s[column] instanceof Date ? (s[column] as Date).getTime() : null);
    last.set(`${s.person}\u0001anaplan`, at("anaplanLastSignIn"));
    last.set(`${s.person}\u0001epm`, at("epmLastSignIn"));
  }
  return last;
}

/** person + system → the privileged rights held there (`right` or `right @ scope`). */
function privilegesByAccount(holders: pl.DataFrame): Map<string, Set<string>> {
  const grouped = new Map<string, Set<string>>();
  for (const h of holders.toRecords() as Record<string, unknown>[]) {
    const key = `${h.person}\u0001${h.system}`;
    if (!grouped.has(key)) grouped.set(key, new Set());
    const where = h.scopeName ?? h.scopeId;
    grouped.get(key)!.add(where ? `${h.right} @ ${where}` : String(h.right));
  }
  return grouped;
}
