import pl, { type DataFrame, type DataType, type Series } from "nodejs-polars";
import { PayloadError } from "../errors/payload-error.js";
import { excerpt } from "../http/redact.js";
import { epmHeaderToCamelCase } from "./epm-header-to-camel-case.js";
import type { EpmReportSchema } from "./epm-report-schemas.js";
import { parseEpmTimestamp } from "./parse-epm-timestamp.js";
import { stripEpmCsvPreamble } from "./strip-epm-csv-preamble.js";

/** Options of {@link parseEpmCsv}. */
export interface ParseEpmCsvOptions {
  /** Column types by camelCase name; also the columns of an empty file. @default {} (all text) */
  schema?: EpmReportSchema;
  /** Report name used in error messages. @default "EPM" */
  report?: string;
}

const BOOLEAN: Record<string, boolean> = {
  yes: true,
  y: true,
  true: true,
  no: false,
  n: false,
  false: false,
};

/**
 * Parses an EPM report CSV into a DataFrame. Pure: no I/O, no clock.
 *
 * - drops a UTF-8 BOM and a leading quoted application-id line ({@link stripEpmCsvPreamble});
 * - keeps quoted commas, quotes and newlines inside cells (Polars' CSV reader, strict mode:
 *   a ragged or badly quoted row is an error, never a silently shortened row);
 * - names columns by {@link epmHeaderToCamelCase} (duplicates get `2`, `3`, … appended);
 * - types the columns the schema names: Datetime("ms", "UTC") from the timestamp formats of
 *   {@link parseEpmTimestamp}, Boolean from Yes/No; other columns, known or not, stay text;
 * - empty cells are null; a header-only file gives zero rows with the header's columns; an
 *   empty file gives zero rows with the schema's columns.
 *
 * @param input - the CSV as text or UTF-8 bytes
 * @param options - schema and report name
 * @returns the report frame
 * @throws {@link PayloadError} for malformed CSV, or a cell that fits no format of its column's
 * type; the message names the column, the row (1 = first data row) and the value
 * @example
 * ```ts
 * parseEpmCsv('\ufeffName,Action,Date and Time\njdoe,Assigned,2026-01-05 14:03:11\n',
 *   { schema: EPM_ROLE_ASSIGNMENT_AUDIT_SCHEMA }).toRecords()
 * //=> [{ name: "jdoe", action: "Assigned", dateAndTime: 2026-01-05T14:03:11.000Z }]
 * ```
 */
export function parseEpmCsv(input: string | Uint8Array, options: ParseEpmCsvOptions = {}): DataFrame {
  const schema = options.schema ?? {};
  const report = options.report ?? "EPM";
  const raw = typeof input === "string" ? input : Buffer.from(input).toString("utf8");
  const text = stripEpmCsvPreamble(raw);
  if (text.trim().length === 0) return emptyFrame(schema);
  let grid: DataFrame;
  try {
    grid = pl.readCSV(Buffer.from(text, "utf8"), {
      hasHeader: false,
      inferSchemaLength: 0,
      truncateRaggedLines: false,
      ignoreErrors: false,
      quoteChar: '"',
    });
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split("\n")[0];
    throw new PayloadError(
      `${report} report is not valid CSV (${reason}). Download the file and check its quoting; nothing was parsed.`,
      excerpt(text),
      { cause: error },
    );
  }
  const headers = grid.row(0).map((cell) => (cell === null ? "" : String(cell)));
  const names = columnNames(headers);
  const body = grid.slice(1, grid.height - 1);
  const columns = grid.columns.map((source, i) => {
    const values = body.getColumn(source).toArray() as Array<string | null>;
    const name = names[i]!;
    return typedSeries(name, headers[i]!, values, schema[name], report);
  });
  return pl.DataFrame(columns);
}

/** A zero-row frame with the schema's columns and types. */
function emptyFrame(schema: EpmReportSchema): DataFrame {
  return pl.DataFrame(Object.entries(schema).map(([name, dtype]) => pl.Series(name, [], dtype)));
}

function columnNames(headers: string[]): string[] {
  const seen = new Map<string, number>();
  return headers.map((header, i) => {
    const base = epmHeaderToCamelCase(header) || `column${i + 1}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}${n}`;
  });
}

function typedSeries(
  name: string,
  header: string,
  values: Array<string | null>,
  dtype: DataType | undefined,
  report: string,
): Series {
  const cells = values.map((v) => (v === null || v.trim() === "" ? null : v));
  if (!dtype || dtype.variant === "String" || dtype.variant === "Utf8")
    return pl.Series(name, cells, pl.String);
  const convert = dtype.variant === "Bool" ? toBoolean : dtype.variant === "Datetime" ? toEpochMs : undefined;
  if (!convert) return pl.Series(name, cells, pl.String).cast(dtype);
  const out = cells.map((cell, row) => {
    if (cell === null) return null;
    const value = convert(cell);
    if (value === undefined) throw cellError(report, name, header, row + 1, cell, dtype);
    return value;
  });
  return pl.Series(name, out, dtype);
}

function toBoolean(cell: string): boolean | undefined {
  return BOOLEAN[cell.trim().toLowerCase()];
}

function toEpochMs(cell: string): Date | undefined {
  const ms = parseEpmTimestamp(cell);
  return ms === undefined ? undefined : new Date(ms);
}

function cellError(
  report: string,
  name: string,
  header: string,
  row: number,
  cell: string,
  dtype: DataType,
): PayloadError {
  const expected =
    dtype.variant === "Bool"
      ? "Yes or No"
      : "a timestamp such as 2026-01-05 14:03:11, July 28, 2022 18:43:21 UTC or ISO 8601";
  const shown = cell.length > 80 ? `${cell.slice(0, 80)}…` : cell;
  return new PayloadError(
    `${report} report: column "${name}" ("${header}") row ${row} holds ${JSON.stringify(shown)}, expected ${expected}. The report format may have changed; nothing was dropped or set to null.`,
    shown,
  );
}
