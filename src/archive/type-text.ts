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
