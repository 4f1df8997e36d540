import pl, { type DataFrame, type DataType, type Series } from "nodejs-polars";
import { PayloadError } from "../errors/payload-error.js";
import { excerpt } from "../http/redact.js";
import { showName } from "./check-epm-file-name.js";
import { epmHeaderToCamelCase } from "./epm-header-to-camel-case.js";
import type { EpmReportSchema } from "./epm-report-schemas.js";
import { parseEpmTimestamp } from "./parse-epm-timestamp.js";
import { readEpmCsvRecords } from "./read-epm-csv-records.js";
import { stripEpmCsvPreamble } from "./strip-epm-csv-preamble.js";

/**
 * Options of {@link parseEpmCsv}.
 *
 * @example
 * ```ts
 * const options: ParseEpmCsvOptions = { schema: { userLogin: pl.Utf8 }, report: "userLogins" };
 * ```
 */
export interface ParseEpmCsvOptions {
  /**
   * The report's declared layout: column types by camelCase name, in frame order. When given,
   * the header must hold exactly these columns (in any order, each once, compared by their
   * camelCase name); an unknown, missing or repeated column is an error. @default {} (no layout:
   * any header, every column text)
   */
  schema?: EpmReportSchema;
  /**
   * Other header names a column is known under (camelCase alias → schema column), e.g. an older
   * EPM release's "Administrator" for `performedBy`. @default {}
   */
  aliases?: Readonly<Record<string, string>>;
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
 * Parses an EPM report CSV into a DataFrame, exactly or not at all. Pure: no I/O, no clock.
 *
 * - drops a UTF-8 BOM and a leading quoted application-id line ({@link stripEpmCsvPreamble});
 * - reads records by RFC 4180 ({@link readEpmCsvRecords}): quoted commas, quotes and line
 *   breaks are kept; nothing is trimmed, padded or skipped;
 * - with a `schema`, holds the header to it: every schema column present once (by its
 *   camelCase name or an alias), no other column; the frame's columns follow the schema;
 * - every row has exactly as many cells as the header: a short or long row is an error naming
 *   the row and its line, never padded with null or cut;
 * - types the columns: Datetime("ms", "UTC") from the timestamp formats of
 *   {@link parseEpmTimestamp}, Boolean from Yes/No, the rest text; empty cells are null;
 * - a header-only file gives zero rows with the schema's columns; a file without a header row
 *   is an error when a schema is given (an empty frame without columns otherwise).
 *
 * @param input - the CSV as text or UTF-8 bytes
 * @param options - layout (schema, aliases) and report name
 * @returns the report frame
 * @throws {@link PayloadError} for malformed CSV, a header that does not match the layout
 * (naming the unknown, missing or repeated headers), a row of the wrong width (naming the row,
 * its line and both widths), or a cell that fits no format of its column's type (naming the
 * column, the row and the value)
 * @example
 * ```ts
 * parseEpmCsv('\ufeffName,Type,Role,Action,Performed By,Date and Time\njdoe,User,Viewer,Assigned,admin,2026-01-05 14:03:11\n',
 *   { schema: EPM_ROLE_ASSIGNMENT_AUDIT_SCHEMA }).toRecords()
 * //=> [{ name: "jdoe", type: "User", role: "Viewer", action: "Assigned", performedBy: "admin", dateAndTime: 2026-01-05T14:03:11.000Z }]
 * ```
 */
export function parseEpmCsv(input: string | Uint8Array, options: ParseEpmCsvOptions = {}): DataFrame {
  const schema = options.schema ?? {};
  const layout = Object.keys(schema).length > 0;
  const report = options.report ?? "EPM";
  const raw = typeof input === "string" ? input : Buffer.from(input).toString("utf8");
  const records = readEpmCsvRecords(stripEpmCsvPreamble(raw), report);
  if (records.length === 0 || (records.length === 1 && records[0]!.cells.join("").trim() === "" && layout)) {
    if (!layout) return pl.DataFrame([]);
    throw new PayloadError(
      `${report} report file is empty: no header row. The file may be cut short; download it again.`,
    );
  }
  const headers = records[0]!.cells;
  const names = layout ? layoutNames(headers, schema, options.aliases ?? {}, report) : columnNames(headers);
  const width = headers.length;
  const columns: Array<Array<string | null>> = headers.map(() => []);
  for (let r = 1; r < records.length; r++) {
    const { cells, line } = records[r]!;
    if (cells.length !== width) {
      throw new PayloadError(
        `${report} report: row ${r} (line ${line} of the file) has ${cells.length} ${cells.length === 1 ? "cell" : "cells"} where the header has ${width}: a ${cells.length < width ? "short" : "long"} row. Nothing was parsed; the file may be damaged or cut short.`,
        excerpt(cells.join(",")),
      );
    }
    for (let c = 0; c < width; c++) {
      const cell = cells[c]!;
      columns[c]!.push(cell.trim() === "" ? null : cell);
    }
  }
  const series = headers.map((header, i) =>
    typedSeries(names[i]!, header, columns[i]!, schema[names[i]!], report),
  );
  if (!layout) return pl.DataFrame(series);
  const byName = new Map(series.map((s) => [s.name, s]));
  return pl.DataFrame(Object.keys(schema).map((name) => byName.get(name)!));
}

/** The schema column of each header, or an error naming what does not fit the layout. */
function layoutNames(
  headers: string[],
  schema: EpmReportSchema,
  aliases: Readonly<Record<string, string>>,
  report: string,
): string[] {
  const unknown: string[] = [];
  const repeated: string[] = [];
  const seen = new Set<string>();
  const names = headers.map((header) => {
    const camel = epmHeaderToCamelCase(header);
    const name = Object.hasOwn(schema, camel)
      ? camel
      : Object.hasOwn(aliases, camel)
        ? aliases[camel]!
        : undefined;
    if (name === undefined) unknown.push(showName(header));
    else if (seen.has(name)) repeated.push(showName(header));
    else seen.add(name);
    return name ?? "";
  });
  const missing = Object.keys(schema).filter((name) => !seen.has(name));
  if (unknown.length + repeated.length + missing.length > 0) {
    const parts = [
      unknown.length > 0 ? `unknown ${plural(unknown.length, "column")} ${unknown.join(", ")}` : "",
      missing.length > 0 ? `missing ${plural(missing.length, "column")} ${missing.join(", ")}` : "",
      repeated.length > 0 ? `repeated ${plural(repeated.length, "column")} ${repeated.join(", ")}` : "",
    ].filter((p) => p !== "");
    throw new PayloadError(
      `${report} report's header does not match its layout: ${parts.join("; ")} (expected the columns ${Object.keys(schema).join(", ")}). The report format may have changed; nothing was parsed.`,
      excerpt(headers.join(",")),
    );
  }
  return names;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
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
  const cells = values;
  if (!dtype || dtype.variant === "String" || dtype.variant === "Utf8")
    return pl.Series(name, cells, pl.String);
  const convert = dtype.variant === "Bool" ? toBoolean : dtype.variant === "Datetime" ? toEpochMs : undefined;
  if (!convert) return pl.Series(name, cells, pl.String).cast(dtype, true);
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
