import pl, { type DataFrame, type LazyDataFrame } from "nodejs-polars";
import { typeText } from "./type-text.js";

/**
 * Characters that make a spreadsheet read a CSV cell as a formula (OWASP "CSV Injection"):
 * `=`, `+`, `-`, `@`, tab and carriage return at the start of the cell.
 *
 * @example
 * ```ts
 * FORMULA_LEADING //=> /^[=+\-@\t\r]/
 * ```
 */
export const FORMULA_LEADING = /^[=+\-@\t\r]/;

/**
 * Makes every String cell that starts with a formula character ({@link FORMULA_LEADING}) inert
 * for spreadsheets by prefixing it with a single quote `'` (OWASP's advice), so `=HYPERLINK(…)`
 * in a user name or message is shown as text, not run. Other columns (numbers, times, booleans)
 * are unchanged: a negative number stays a number. Pure; lazy frames stay lazy.
 *
 * @param frame - a DataFrame or LazyDataFrame
 * @param columns - the frame's column names and types
 * @returns the frame with neutralised String columns
 * @example
 * ```ts
 * neutraliseFormulas(pl.DataFrame({ name: ["=1+1", "Ann"] })).getColumn("name").toArray() //=> ["'=1+1", "Ann"]
 * ```
 */
export function neutraliseFormulas<F extends DataFrame | LazyDataFrame>(
  frame: F,
  columns: Record<string, unknown>,
): F {
  const strings = Object.entries(columns)
    .filter(([, type]) => typeText(type) === "String")
    .map(([name]) => name);
  if (strings.length === 0) return frame;
  const exprs = strings.map((name) => {
    const col = pl.col(name);
    return pl
      .when(col.str.contains(FORMULA_LEADING.source))
      .then(pl.concatString([pl.lit("'"), col], ""))
      .otherwise(col)
      .alias(name);
  });
  return (frame as DataFrame).withColumns(...exprs) as F;
}
