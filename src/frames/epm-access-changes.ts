import pl from "nodejs-polars";
import { ValidationError } from "../errors/validation-error.js";
import { inWindow, type TimeWindow } from "./time-window.js";

/**
 * Options of {@link epmAccessChanges}.
 *
 * @example
 * ```ts
 * const options: EpmAccessChangesOptions = { window: { from: "2026-03-01", to: "2026-04-01" } };
 * ```
 */
export interface EpmAccessChangesOptions {
  /** Only changes inside this window. @default all rows */
  window?: TimeWindow;
}

const normalised = (column: string) => pl.col(column).str.strip().str.toLowerCase();

/** One audit frame → the common change columns. */
function changesOf(audit: pl.DataFrame, window: TimeWindow | undefined): pl.DataFrame {
  const isGroup = audit.columns.includes("group");
  if (!isGroup && !audit.columns.includes("role")) {
    throw new ValidationError(
      `epmAccessChanges needs a Group Assignment Audit or Role Assignment Audit frame (a "group" or "role" column); got columns ${audit.columns.join(", ")}.`,
    );
  }
  const action = normalised("action");
  return audit.filter(inWindow("dateAndTime", window)).select(
    pl.col("dateAndTime").cast(pl.Datetime("ms", "UTC")).alias("dateAndTime"),
    pl.lit(isGroup ? "group" : "role").alias("kind"),
    pl.col(isGroup ? "group" : "role").alias("target"),
    (isGroup ? pl.col("groupType") : pl.lit(null).cast(pl.Utf8)).alias("targetType"),
    pl.col("name").alias("member"),
    pl.col("type").alias("memberType"),
    pl
      .when(action.isIn(["assigned", "added"]))
      .then(pl.lit("added"))
      .when(action.isIn(["unassigned", "removed"]))
      .then(pl.lit("removed"))
      .otherwise(action)
      .alias("action"),
    pl.col("performedBy"),
    normalised("performedBy").eq(normalised("name")).fillNull(false).alias("selfAssigned"),
  );
}

/**
 * Group and role changes in Oracle EPM, one row per change, from the Group Assignment Audit
 * and/or Role Assignment Audit reports, in one shape. `selfAssigned` is true when the person who
 * made the change is the member (compared trimmed and case-insensitively) — an administrator
 * granting themselves access, which an access review must explain.
 *
 * @param audits - `epm.reports.groupAssignmentAudit(...)`, `roleAssignmentAudit(...)`, or both
 * @param options - window
 * @returns `dateAndTime`, `kind` ("group" | "role"), `target` (group or role name), `targetType`
 *   (group type; null for roles), `member`, `memberType`, `action` ("added" | "removed"),
 *   `performedBy`, `selfAssigned`; oldest first
 * @throws ValidationError when a frame is neither report
 * @example
 * ```ts
 * epmAccessChanges([groupAudit, roleAudit])
 * // ┌─────────────────────────┬───────┬──────────────────┬────────────┬───────────────┬────────────┬─────────┬───────────────┬──────────────┐
 * // │ dateAndTime             ┆ kind  ┆ target           ┆ targetType ┆ member        ┆ memberType ┆ action  ┆ performedBy   ┆ selfAssigned │
 * // ╞═════════════════════════╪═══════╪══════════════════╪════════════╪═══════════════╪════════════╪═════════╪═══════════════╪══════════════╡
 * // │ 2026-11-01 09:00:00 UTC ┆ group ┆ Finance Planners ┆ EPM        ┆ jdoe          ┆ User       ┆ added   ┆ admin         ┆ false        │
 * // │ 2026-11-02 10:00:00 UTC ┆ role  ┆ Service Admin    ┆ null       ┆ admin         ┆ User       ┆ added   ┆ Admin         ┆ true         │
 * // └─────────────────────────┴───────┴──────────────────┴────────────┴───────────────┴────────────┴─────────┴───────────────┴──────────────┘
 * ```
 */
export function epmAccessChanges(
  audits: pl.DataFrame | readonly pl.DataFrame[],
  options: EpmAccessChangesOptions = {},
): pl.DataFrame {
  const frames = (Array.isArray(audits) ? audits : [audits]) as pl.DataFrame[];
  const parts = frames.map((audit) => changesOf(audit, options.window));
  const all = parts.length === 1 ? parts[0]! : pl.concat(parts, { how: "vertical" });
  return all.sort({ by: "dateAndTime", maintainOrder: true });
}
