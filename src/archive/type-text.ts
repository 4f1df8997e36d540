import type { DataFrame, DataType } from "nodejs-polars";

/**
 * A Polars type as comparable text: `pl.Utf8` and `pl.String` are the same type but print
 * differently, so both become `String`.
 *
 * @param type - a Polars DataType
 * @returns e.g. "String", "Datetime(ms,UTC)"
 * @example
 * ```ts
 * typeText(pl.Utf8) === typeText(pl.String) //=> true
 * ```
 */
export function typeText(type: unknown): string {
  return String(type)
    .replace(/^DataType\((.*)\)$/, "$1")
    .replace(/\bUtf8\b/g, "String");
}

/**
 * A frame's column types by name. Same as `df.schema`, which builds a Series per column
 * (slow on wide frames in nodejs-polars); this reads names and types directly.
 *
 * @param df - a DataFrame
 * @returns column name → DataType, in column order
 * @example
 * ```ts
 * schemaOf(pl.DataFrame({ a: ["x"] })) //=> { a: DataType(String) }
 * ```
 */
export function schemaOf(df: DataFrame): Record<string, DataType> {
  const types = df.dtypes;
  return Object.fromEntries(df.columns.map((name, i) => [name, types[i]!]));
}
