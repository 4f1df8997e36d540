import type pl from "nodejs-polars";
import { type HtmlTableOptions, htmlTable } from "./html-table.js";
import { displayHtml } from "./notebook-display.js";

/**
 * Options of {@link show}.
 *
 * @example
 * ```ts
 * const options: ShowOptions = { rows: 10, title: "Inactive users" };
 * ```
 */
export type ShowOptions = HtmlTableOptions;

/**
 * Shows a frame as an HTML table — title, shape, column types, the first rows, readable UTC
 * dates. In a tslab notebook it is displayed (and survives HTML export); elsewhere the HTML is
 * returned so a script can write it to a file.
 *
 * It returns nothing inside a notebook on purpose: tslab prints a cell's last value, and the
 * table would then appear twice (once as HTML, once as raw text).
 *
 * @param df - any frame
 * @param options - `rows` (default 10) and `title`
 * @returns undefined when displayed in a notebook, else the HTML
 * @example
 * ```ts
 * show(signInSummary(events), { title: "Sign-ins per user", rows: 20 })
 * // 1,234 rows × 7 columns
 * // userId | successes | failures | …
 * ```
 */
export function show(df: pl.DataFrame, options: ShowOptions = {}): string | undefined {
  const html = htmlTable(df, options);
  return displayHtml(html) ? undefined : html;
}
