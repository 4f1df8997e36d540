import pl from "nodejs-polars";
import { ValidationError } from "../errors/validation-error.js";
import { ENTITLEMENT_CHANGE_SCHEMA, ENTITLEMENT_KEY, ENTITLEMENT_SCHEMA } from "./entitlement-schema.js";

/**
 * The snapshot days a change lies between.
 *
 * @example
 * ```ts
 * const days: SnapshotDays = { from: "2026-03-01", to: "2026-03-31" };
 * ```
 */
export interface SnapshotDays {
  /** The earlier snapshot's UTC day, `YYYY-MM-DD`. */
  from: string;
  /** The later snapshot's UTC day. */
  to: string;
}

/**
 * The grants and revokes between two entitlement snapshots: a row of `after` that `before` lacks
 * is a grant, a row of `before` that `after` lacks a revoke (compared on person, system, scope,
 * scopeId, right and rightType; how it was granted does not count as a change).
 *
 * @param before - the earlier snapshot ({@link ENTITLEMENT_SCHEMA})
 * @param after - the later snapshot
 * @param days - the two snapshots' days
 * @returns the changes ({@link ENTITLEMENT_CHANGE_SCHEMA}), sorted by person, system, scope, right
 * @throws {@link ValidationError} when a frame lacks the entitlement columns, or the days are out of order
 * @example
 * ```ts
 * entitlementChanges(nov1, nov2, { from: "2026-11-01", to: "2026-11-02" }).filter(pl.col("change").eq(pl.lit("grant")))
 * ```
 */
export function entitlementChanges(
  before: pl.DataFrame,
  after: pl.DataFrame,
  days: SnapshotDays,
): pl.DataFrame {
  if (!(days.from < days.to))
    throw new ValidationError(`Snapshot days out of order: ${days.from} is not before ${days.to}.`);
  const keyed = (frame: pl.DataFrame, name: string) => {
    const missing = Object.keys(ENTITLEMENT_SCHEMA).filter((c) => !frame.columns.includes(c));
    if (missing.length > 0)
      throw new ValidationError(`The ${name} snapshot lacks the entitlement columns ${missing.join(", ")}.`);
    // Joins never match nulls (scopeId is null for tenant-wide rights): compare on one text key.
    const key = pl.concatString(
      ENTITLEMENT_KEY.map((c) => pl.col(c).cast(pl.Utf8).fillNull(pl.lit("\u0000"))),
      "\u0001",
    );
    return frame
      .select(...Object.keys(ENTITLEMENT_SCHEMA))
      .withColumns(key.alias("_key"))
      .unique({ subset: ["_key"], keep: "first", maintainOrder: true });
  };
  const a = keyed(before, "earlier");
  const b = keyed(after, "later");
  const stamp = (frame: pl.DataFrame, change: string) =>
    frame.select(
      ...ENTITLEMENT_KEY.slice(0, 4),
      "scopeName",
      "right",
      "rightType",
      pl.lit(change).alias("change"),
      pl.lit(days.from).alias("fromSnapshot"),
      pl.lit(days.to).alias("toSnapshot"),
    );
  const grants = stamp(b.join(a.select("_key"), { on: "_key", how: "anti" }), "grant");
  const revokes = stamp(a.join(b.select("_key"), { on: "_key", how: "anti" }), "revoke");
  return pl
    .concat([grants, revokes], { how: "vertical" })
    .select(...Object.entries(ENTITLEMENT_CHANGE_SCHEMA).map(([name, dtype]) => pl.col(name).cast(dtype)))
    .sort(["person", "system", "scope", "scopeId", "right", "change"]);
}

/**
 * The changes across a run of snapshots: each consecutive pair of snapshot days compared with
 * {@link entitlementChanges}.
 *
 * @param snapshots - entitlement rows with a `snapshot` column (`YYYY-MM-DD` text or Date) naming their day
 * @returns every change, each with the two snapshot days it lies between
 * @example
 * ```ts
 * entitlementChangesOverSnapshots(archiveSnapshots.entitlements)
 * ```
 */
export function entitlementChangesOverSnapshots(snapshots: pl.DataFrame): pl.DataFrame {
  const dayOf = pl.col("snapshot").cast(pl.Utf8).str.slice(0, 10);
  const withDay = snapshots.withColumns(dayOf.alias("snapshot"));
  const days = (withDay.getColumn("snapshot").unique().toArray() as string[]).sort();
  const parts = [pl.DataFrame([], { schema: ENTITLEMENT_CHANGE_SCHEMA })];
  for (let i = 1; i < days.length; i++) {
    const at = (day: string) => withDay.filter(pl.col("snapshot").eq(pl.lit(day)));
    parts.push(entitlementChanges(at(days[i - 1]!), at(days[i]!), { from: days[i - 1]!, to: days[i]! }));
  }
  return pl.concat(parts, { how: "vertical" });
}
