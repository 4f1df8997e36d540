import pl from "nodejs-polars";
import { PRIVILEGED_RIGHTS, type PrivilegedRight, privilegedHolders } from "./privileged-holders.js";

/**
 * Columns of {@link accessMatrix}: person (the person key), inAnaplan and inEpm (an account or a
 * right there), then one text cell per kind of right, its entries sorted and joined with "; "
 * (null when none): anaplanWorkspaces (workspace access), anaplanWorkspaceAdmin, anaplanTenantRoles,
 * anaplanModelRoles (`role @ model`), anaplanLicences, anaplanOther (visitor and SSO exception,
 * `right @ workspace`), epmRoles (`role` or `role (via group)`), epmGroups; privileged (holds a
 * privileged right, {@link PRIVILEGED_RIGHTS}) and rights (rows of the snapshot).
 *
 * @example
 * ```ts
 * Object.keys(ACCESS_MATRIX_SCHEMA).slice(0, 3) //=> ["person", "inAnaplan", "inEpm"]
 * ```
 */
export const ACCESS_MATRIX_SCHEMA = Object.freeze({
  person: pl.Utf8,
  inAnaplan: pl.Bool,
  inEpm: pl.Bool,
  anaplanWorkspaces: pl.Utf8,
  anaplanWorkspaceAdmin: pl.Utf8,
  anaplanTenantRoles: pl.Utf8,
  anaplanModelRoles: pl.Utf8,
  anaplanLicences: pl.Utf8,
  anaplanOther: pl.Utf8,
  epmRoles: pl.Utf8,
  epmGroups: pl.Utf8,
  privileged: pl.Bool,
  rights: pl.UInt32,
});

/**
 * Options of {@link accessMatrix}.
 *
 * @example
 * ```ts
 * const options: AccessMatrixOptions = { accounts: personAccounts({ anaplanUsers, epmUsers }) };
 * ```
 */
export interface AccessMatrixOptions {
  /** {@link personAccounts} rows: people with an account but no right get a row too. @default none */
  accounts?: pl.DataFrame | undefined;
  /** What counts as privileged. @default PRIVILEGED_RIGHTS */
  privileged?: readonly PrivilegedRight[] | undefined;
}

type Row = Record<string, unknown>;
type Cell = Exclude<
  keyof typeof ACCESS_MATRIX_SCHEMA,
  "person" | "inAnaplan" | "inEpm" | "privileged" | "rights"
>;

/** Which cell a right goes to, and how it is written there. */
function cellOf(r: Row): [Cell, string] | undefined {
  const where = String(r.scopeName ?? r.scopeId ?? "");
  if (r.system === "epm") {
    if (r.rightType === "group") return ["epmGroups", String(r.right)];
    const via = r.grantedThrough && r.grantedThrough !== "Direct" ? ` (via ${r.grantedThrough})` : "";
    return ["epmRoles", `${r.right}${via}`];
  }
  if (r.system !== "anaplan") return undefined;
  if (r.rightType === "access") return ["anaplanWorkspaces", where];
  if (r.rightType === "admin") return ["anaplanWorkspaceAdmin", where];
  if (r.rightType === "licence") return ["anaplanLicences", String(r.right)];
  if (r.rightType === "role")
    return r.scope === "model"
      ? ["anaplanModelRoles", `${r.right} @ ${where}`]
      : ["anaplanTenantRoles", String(r.right)];
  return ["anaplanOther", `${r.right} @ ${where}`];
}

/**
 * The access matrix of an access review: one row per person, with every right they hold in
 * both systems summarised per kind (see {@link ACCESS_MATRIX_SCHEMA}). Rows without a person are
 * left out.
 *
 * @param entitlements - one snapshot's rows of both systems ({@link ENTITLEMENT_SCHEMA})
 * @param options - accounts to include people without rights; the privileged set
 * @returns the matrix, sorted by person; zero rows with its columns when there is nobody
 * @example
 * ```ts
 * accessMatrix(pl.concat([anaplanSnapshot, epmSnapshot]), { accounts }).filter(pl.col("privileged"))
 * ```
 */
export function accessMatrix(entitlements: pl.DataFrame, options: AccessMatrixOptions = {}): pl.DataFrame {
  const people = new Map<string, { systems: Set<string>; cells: Map<Cell, Set<string>>; rights: number }>();
  const entry = (person: string) => {
    if (!people.has(person)) people.set(person, { systems: new Set(), cells: new Map(), rights: 0 });
    return people.get(person)!;
  };
  for (const a of (options.accounts?.select("person", "system").toRecords() ?? []) as Row[])
    if (a.person) entry(String(a.person)).systems.add(String(a.system));
  for (const r of entitlements.toRecords() as Row[]) {
    if (!r.person) continue;
    const e = entry(String(r.person));
    e.systems.add(String(r.system));
    e.rights++;
    const cell = cellOf(r);
    if (!cell) continue;
    if (!e.cells.has(cell[0])) e.cells.set(cell[0], new Set());
    e.cells.get(cell[0])!.add(cell[1]);
  }
  const privileged = new Set(
    privilegedHolders(entitlements, options.privileged ?? PRIVILEGED_RIGHTS)
      .getColumn("person")
      .toArray(),
  );
  const rows = [...people.keys()].sort().map((person) => {
    const e = people.get(person)!;
    const row: Row = { person, inAnaplan: e.systems.has("anaplan"), inEpm: e.systems.has("epm") };
    for (const cell of Object.keys(ACCESS_MATRIX_SCHEMA).slice(3, -2) as Cell[]) {
      const values = e.cells.get(cell);
      row[cell] = values ? [...values].sort().join("; ") : null;
    }
    row.privileged = privileged.has(person);
    row.rights = e.rights;
    return row;
  });
  return pl.DataFrame(
    Object.entries(ACCESS_MATRIX_SCHEMA).map(([name, dtype]) =>
      pl.Series(
        name,
        rows.map((r) => r[name] ?? null),
        dtype,
      ),
    ),
  );
}
