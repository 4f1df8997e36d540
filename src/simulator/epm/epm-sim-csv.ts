/** How a column is written. */
export type EpmSimCellKind = "text" | "time" | "namedTime" | "yesNo";

/** One report column: its header, the key of the ground-truth row, how it is written. */
export interface EpmSimColumn {
  header: string;
  key: string;
  kind: EpmSimCellKind;
}

/** Hostile changes to a written CSV (simulator faults). */
export interface EpmSimCsvDamage {
  /** One more column with this header; each row's cell is `<header> <row number>`. */
  extraColumn?: string;
  /** The column with this header is left out, cells and all. */
  missingColumn?: string;
  /** Data row `row` (1-based) gets `cells` cells: cut, or lengthened with `x`. */
  raggedRow?: { row: number; cells: number };
}

/**
 * A ground-truth row: text, epoch-ms times as Dates, Yes/No as booleans, empty as null.
 *
 * @example
 * ```ts
 * const row: EpmSimRow = { userLogin: "ana@example.com", ipAddress: "203.0.113.7", accessDateAndTime: new Date("2026-03-02T09:00:00Z") };
 * ```
 */
export type EpmSimRow = Record<string, string | Date | boolean | null>;

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * Writes a report CSV the way the simulated EPM does: RFC 4180 quoting (cells with a comma,
 * quote or line break are quoted, quotes doubled), `\r\n` between records, times as
 * `2026-01-05 14:03:11` or, for `namedTime`, `July 28, 2022 18:43:21 UTC`; optionally a BOM and
 * the quoted application-id line first.
 *
 * @example
 * ```ts
 * writeEpmSimCsv([{ header: "Group", key: "group", kind: "text" }], [{ group: "Planners, EMEA" }])
 * //=> 'Group\r\n"Planners, EMEA"\r\n'
 * ```
 */
export function writeEpmSimCsv(
  columns: EpmSimColumn[],
  rows: EpmSimRow[],
  preamble?: string,
  damage: EpmSimCsvDamage = {},
): string {
  const kept = columns.filter((c) => c.header !== damage.missingColumn);
  const extra = damage.extraColumn;
  const header = kept.map((c) => c.header).concat(extra === undefined ? [] : [extra]);
  const lines = [header.map(quote).join(",")];
  rows.forEach((row, i) => {
    let cells = kept.map((c) => format(row[c.key] ?? null, c.kind));
    if (extra !== undefined) cells.push(`${extra} ${i + 1}`);
    const ragged = damage.raggedRow;
    if (ragged && ragged.row === i + 1) {
      cells =
        ragged.cells <= cells.length
          ? cells.slice(0, ragged.cells)
          : cells.concat(Array.from({ length: ragged.cells - cells.length }, () => "x"));
    }
    lines.push(cells.map(quote).join(","));
  });
  const head = preamble === undefined ? "" : `\ufeff"${preamble}"\r\n`;
  return `${head}${lines.join("\r\n")}\r\n`;
}

function format(value: string | Date | boolean | null, kind: EpmSimCellKind): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (!(value instanceof Date)) return value;
  const iso = value.toISOString();
  if (kind !== "namedTime") return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  return `${MONTHS[value.getUTCMonth()]} ${value.getUTCDate()}, ${value.getUTCFullYear()} ${iso.slice(11, 19)} UTC`;
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
