import pl from "nodejs-polars";

/**
 * An expression joining two name columns with a space, null-safe: "Ada Okafor", "Ada" when the
 * last name is missing, null when both are.
 *
 * @param first - first-name column
 * @param last - last-name column
 * @returns a text expression
 * @example
 * ```ts
 * users.select(fullName("firstName", "lastName").alias("name"))
 * ```
 */
export function fullName(first: string, last: string): pl.Expr {
  const joined = pl
    .concatString([pl.col(first).fillNull(pl.lit("")), pl.col(last).fillNull(pl.lit(""))], " ")
    .str.strip();
  return pl
    .when(joined.eq(pl.lit("")))
    .then(pl.lit(null))
    .otherwise(joined);
}
