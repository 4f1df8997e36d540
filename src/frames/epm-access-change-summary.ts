import pl from "nodejs-polars";

/**
 * Per EPM group or role: how many members were added and removed, the net change, who made the
 * changes and how many were self-assignments. A group that grew a lot, or changes made by an
 * unexpected administrator, are where an access review starts.
 *
 * @param changes - the result of {@link epmAccessChanges}
 * @returns `kind`, `target`, `added`, `removed`, `net` (added − removed), `performedBy`
 *   (distinct names, comma-separated, sorted), `selfAssigned` (count); by kind then target
 * @example
 * ```ts
 * epmAccessChangeSummary(epmAccessChanges([groupAudit, roleAudit]))
 * // ┌───────┬──────────────────┬───────┬─────────┬─────┬──────────────┬──────────────┐
 * // │ kind  ┆ target           ┆ added ┆ removed ┆ net ┆ performedBy  ┆ selfAssigned │
 * // ╞═══════╪══════════════════╪═══════╪═════════╪═════╪══════════════╪══════════════╡
 * // │ group ┆ Finance Planners ┆ 2     ┆ 1       ┆ 1   ┆ admin, jdoe  ┆ 0            │
 * // │ role  ┆ Service Admin    ┆ 1     ┆ 0       ┆ 1   ┆ admin        ┆ 1            │
 * // └───────┴──────────────────┴───────┴─────────┴─────┴──────────────┴──────────────┘
 * ```
 */
export function epmAccessChangeSummary(changes: pl.DataFrame): pl.DataFrame {
  const added = pl.col("action").eq(pl.lit("added"));
  const removed = pl.col("action").eq(pl.lit("removed"));
  return changes
    .groupBy(["kind", "target"])
    .agg(
      added.sum().cast(pl.UInt32).alias("added"),
      removed.sum().cast(pl.UInt32).alias("removed"),
      pl.col("performedBy").dropNulls().unique().sort().alias("performedBy"),
      pl.col("selfAssigned").sum().cast(pl.UInt32).alias("selfAssigned"),
    )
    .sort(["kind", "target"])
    .select(
      "kind",
      "target",
      "added",
      "removed",
      pl.col("added").cast(pl.Int64).sub(pl.col("removed").cast(pl.Int64)).alias("net"),
      pl.col("performedBy").lst.join(", ").alias("performedBy"),
      "selfAssigned",
    );
}
