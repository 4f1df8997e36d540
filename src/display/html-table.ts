import type pl from "nodejs-polars";
import { escapeHtml } from "./escape-html.js";
import { dtypeName, formatCells } from "./format-cells.js";
import { KIT_STYLES } from "./kit-styles.js";

/**
 * Options of {@link htmlTable} and `show`.
 *
 * @example
 * ```ts
 * const options: HtmlTableOptions = { rows: 20, title: "Top users", empty: "No sign-ins in this window" };
 * ```
 */
export interface HtmlTableOptions {
  /** How many rows to show (the first ones). @default 10 */
  rows?: number;
  /** A heading above the table. @default none */
  title?: string;
  /**
   * What a zero-row frame means, shown instead of the table (e.g. from `emptyMessage`: "No failed
   * sign-ins in 2026-11-01 → 2026-11-30 (Anaplan audit events, complete)."). @default "No rows."
   */
  empty?: string;
  /**
   * How many rows the whole table has, when `df` holds only its first ones (a table too large to
   * hold, written to a file part by part): the shape and the "more rows not shown" line count
   * from it. @default df.height
   */
  totalRows?: number | undefined;
}

const NUMERIC = /^(Int|UInt|Float)/;
const count = (n: number) => n.toLocaleString("en-US");

/**
 * Renders a frame as a readable HTML table: optional title, the shape ("1,234 rows × 5
 * columns"), a row of column types, the first rows with readable dates, and a note of how many
 * rows are not shown. Cells are HTML-escaped. Pure: it returns text, displays nothing.
 *
 * @param df - any frame
 * @param options - rows and title
 * @returns an HTML fragment (with its own small scoped stylesheet)
 * @example
 * ```ts
 * htmlTable(pl.DataFrame({ user: ["<ada>"] }), { title: "Users" })
 * //=> '<div class="kit-frame">…<div class="kit-title">Users</div><div class="kit-shape">1 row × 1 column</div>…<td>&lt;ada&gt;</td>…'
 * ```
 */
export function htmlTable(df: pl.DataFrame, options: HtmlTableOptions = {}): string {
  const limit = Math.max(0, options.rows ?? 10);
  const head = df.head(limit);
  const columns = df.columns;
  const kinds = columns.map((c) => df.getColumn(c).dtype);
  const cells = columns.map((c) => formatCells(head.getColumn(c)));
  const height = Math.max(options.totalRows ?? df.height, df.height);
  const parts: string[] = [KIT_STYLES, '<div class="kit-frame">'];
  if (options.title) parts.push(`<div class="kit-title">${escapeHtml(options.title)}</div>`);
  if (height === 0 && options.empty !== undefined) {
    parts.push(`<div class="kit-empty kit-explained">${escapeHtml(options.empty)}</div></div>`);
    return parts.join("");
  }
  parts.push(
    `<div class="kit-shape">${count(height)} row${height === 1 ? "" : "s"} × ${count(columns.length)} column${columns.length === 1 ? "" : "s"}</div>`,
  );
  parts.push('<table class="kit-table"><thead><tr>');
  for (const c of columns) parts.push(`<th>${escapeHtml(c)}</th>`);
  parts.push('</tr><tr class="kit-dtypes">');
  for (const t of kinds) parts.push(`<th>${escapeHtml(dtypeName(t))}</th>`);
  parts.push("</tr></thead><tbody>");
  // Columns of long text (explanations, messages) wrap instead of being cut off.
  const wrap = cells.map((values) => values.some((v) => v !== null && v.length > 48));
  for (let row = 0; row < head.height; row++) {
    parts.push("<tr>");
    columns.forEach((_c, i) => {
      const value = cells[i]?.[row] ?? null;
      const numeric = NUMERIC.test(kinds[i]?.variant ?? "");
      const bool = kinds[i]?.variant === "Bool";
      const cls =
        value === null
          ? "kit-null"
          : bool && value === "true"
            ? "kit-true"
            : numeric
              ? "kit-num"
              : wrap[i]
                ? "kit-wrap"
                : "";
      parts.push(`<td${cls ? ` class="${cls}"` : ""}>${value === null ? "—" : escapeHtml(value)}</td>`);
    });
    parts.push("</tr>");
  }
  parts.push("</tbody></table>");
  if (height === 0) parts.push('<div class="kit-empty">No rows.</div>');
  else if (height > head.height) {
    parts.push(`<div class="kit-more">… ${count(height - head.height)} more rows not shown</div>`);
  }
  parts.push("</div>");
  return parts.join("");
}
