import pl from "nodejs-polars";
import { personKey } from "../frames/person-key.js";
import { PRIVILEGED_RIGHTS, type PrivilegedRight } from "../frames/privileged-holders.js";
import { ACCESS_RIGHTS_SCHEMA } from "./access-rights.js";

/**
 * The Anaplan rights of an entitlement snapshot in the columns of the rights frame
 * ({@link ACCESS_RIGHTS_SCHEMA}), to pass to `accessRights` as `extra`: one row per person and
 * right (workspace administration of several workspaces is one `Workspace Administrator` row),
 * the person as the trimmed, lower-cased e-mail (the key the EPM rights use, so one person's
 * rights in both systems meet), privileged when the right is in {@link PRIVILEGED_RIGHTS} (or
 * the list given). Rows of other systems, and rows without a person, are left out.
 *
 * @param entitlements - one snapshot's rows (`anaplan.entitlements.snapshot()`, or one day of
 *   the archive's `anaplanEntitlements`; ENTITLEMENT_SCHEMA, other columns are ignored)
 * @param privileged - the rights that count as privileged. @default PRIVILEGED_RIGHTS
 * @returns the rights frame's columns, sorted by person, right, grantedThrough, without duplicates
 * @example
 * ```ts
 * const rights = accessRights({ epmRoleAssignments, extra: anaplanRights(await anaplan.entitlements.snapshot()) });
 * ```
 */
export function anaplanRights(
  entitlements: pl.DataFrame,
  privileged: readonly PrivilegedRight[] = PRIVILEGED_RIGHTS,
): pl.DataFrame {
  const empty = pl.DataFrame({}, { schema: ACCESS_RIGHTS_SCHEMA });
  if (entitlements.height === 0) return empty;
  const norm = (v: unknown) =>
    String(v ?? "")
      .trim()
      .toLowerCase();
  const rows = entitlements
    .select(
      personKey("person").alias("person"),
      pl.col("system").cast(pl.Utf8),
      pl.col("right").cast(pl.Utf8).str.strip().alias("right"),
      pl.col("rightType").cast(pl.Utf8),
      pl.col("grantedThrough").cast(pl.Utf8),
    )
    .filter(pl.col("system").eq(pl.lit("anaplan")).and(pl.col("person").isNotNull()))
    .toRecords();
  if (rows.length === 0) return empty;
  const isPrivileged = (row: Record<string, unknown>) =>
    privileged.some(
      (p) =>
        p.system === "anaplan" &&
        p.rightType === row.rightType &&
        (p.right === null || norm(p.right) === norm(row.right)),
    );
  return pl
    .DataFrame(
      rows.map((r) => ({
        person: r.person,
        system: "anaplan",
        right: r.right,
        grantedThrough: r.grantedThrough ?? "Direct",
        privileged: isPrivileged(r),
      })),
      { schema: ACCESS_RIGHTS_SCHEMA },
    )
    .unique({ maintainOrder: true })
    .sort(["person", "right", "grantedThrough"]);
}
