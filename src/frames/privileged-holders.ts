import pl from "nodejs-polars";
import { ENTITLEMENT_SCHEMA } from "./entitlement-schema.js";

/**
 * One kind of right that counts as privileged: it lets its holder change who can access what,
 * read or change security settings, or administer data for everyone.
 *
 * @example
 * ```ts
 * const right: PrivilegedRight = { system: "epm", rightType: "role", right: "Service Administrator", why: "administers the environment" };
 * ```
 */
export interface PrivilegedRight {
  /** `anaplan` or `epm`. */
  system: string;
  /** The entitlement's rightType (`role`, `admin`, …). */
  rightType: string;
  /** The right's name (compared trimmed, ignoring case); null for every right of that type. */
  right: string | null;
  /** Why it is privileged, in words (shown in the report). */
  why: string;
}

/**
 * The rights the kit treats as privileged, as data (pass your own list to {@link privilegedHolders}
 * to change it):
 * - Anaplan tenant roles Tenant Admin, Tenant Security Admin, User Admin, Encryption Admin and
 *   Integration Admin (the Administration console roles that grant access, change security or
 *   move data), and every Workspace Administrator right (per workspace).
 * - Oracle EPM Service Administrator, and Access Control - Manage (assigns roles and groups),
 *   whether held directly or through a group.
 *
 * Left out on purpose: Tenant Auditor, View Admin and Access Control - View (they read, not
 * change), model roles, licences, visitors and SSO exceptions.
 *
 * @example
 * ```ts
 * PRIVILEGED_RIGHTS.filter((r) => r.system === "epm").map((r) => r.right)
 * //=> ["Service Administrator", "Access Control - Manage"]
 * ```
 */
export const PRIVILEGED_RIGHTS: readonly PrivilegedRight[] = Object.freeze([
  { system: "anaplan", rightType: "role", right: "Tenant Admin", why: "administers the tenant" },
  {
    system: "anaplan",
    rightType: "role",
    right: "Tenant Security Admin",
    why: "changes the tenant's security settings",
  },
  {
    system: "anaplan",
    rightType: "role",
    right: "User Admin",
    why: "creates users and grants workspace access",
  },
  { system: "anaplan", rightType: "role", right: "Encryption Admin", why: "manages the encryption keys" },
  { system: "anaplan", rightType: "role", right: "Integration Admin", why: "runs integrations for everyone" },
  { system: "anaplan", rightType: "admin", right: null, why: "administers a workspace and its models" },
  { system: "epm", rightType: "role", right: "Service Administrator", why: "administers the environment" },
  { system: "epm", rightType: "role", right: "Access Control - Manage", why: "assigns roles and groups" },
]);

/**
 * Who holds a privileged right now: the rows of an entitlement snapshot whose right is in
 * {@link PRIVILEGED_RIGHTS} (or the list given), each with why it counts.
 *
 * @param entitlements - one snapshot's rows ({@link ENTITLEMENT_SCHEMA}; other columns are dropped)
 * @param rights - the privileged rights @default PRIVILEGED_RIGHTS
 * @returns the snapshot's columns plus `privilege` (the reason), one row per holder and right,
 *   sorted by person, system, right, scopeId; zero rows with these columns when nobody holds one
 * @example
 * ```ts
 * privilegedHolders(snapshot).select("person", "system", "right", "scopeName", "privilege")
 * // ┌─────────────────┬────────┬───────────────────────┬───────────┬─────────────────────────────┐
 * // │ ann@example.com ┆ epm    ┆ Service Administrator ┆ null      ┆ administers the environment │
 * // └─────────────────┴────────┴───────────────────────┴───────────┴─────────────────────────────┘
 * ```
 */
export function privilegedHolders(
  entitlements: pl.DataFrame,
  rights: readonly PrivilegedRight[] = PRIVILEGED_RIGHTS,
): pl.DataFrame {
  const norm = (v: unknown) =>
    String(v ?? "")
      .trim()
      .toLowerCase();
  const why = (row: Record<string, unknown>) =>
    rights.find(
      (r) =>
        r.system === row.system &&
        r.rightType === row.rightType &&
        (r.right === null || norm(r.right) === norm(row.right)),
    )?.why ?? null;
  const columns = Object.keys(ENTITLEMENT_SCHEMA);
  const frame = entitlements.select(...columns.map((c) => pl.col(c).cast(pl.Utf8)));
  const reasons = (frame.toRecords() as Record<string, unknown>[]).map(why);
  return frame
    .withColumns(pl.Series("privilege", reasons, pl.Utf8))
    .filter(pl.col("privilege").isNotNull())
    .sort(["person", "system", "right", "scopeId"], false, true);
}
