import { PayloadError } from "../errors/payload-error.js";

/** One CSV record and the file line it starts on (1-based; quoted line breaks count). */
export interface EpmCsvRecord {
  cells: string[];
  line: number;
}

/**
 * Splits CSV text into records by RFC 4180, exactly: cells separated by `,`, records by `\n`
 * or `\r\n`; a cell that starts with `"` is quoted (commas, line breaks and doubled quotes `""`
 * inside it are data) and must close with `"` followed by `,`, a line break or the end; a `"`
 * inside an unquoted cell is kept as data. Empty lines at the very end are dropped; an empty
 * line anywhere else is a record of one empty cell (so the width check of the caller catches
 * it). Nothing is padded, trimmed or skipped. Pure.
 *
 * @param text - CSV text (preamble already removed)
 * @param report - report name for messages
 * @returns the records, header first
 * @throws {@link PayloadError} for a quoted cell that never closes or has text after its
 * closing quote; the message names the line
 * @example
 * ```ts
 * readEpmCsvRecords('A,B\r\n"x, y",2\n', "R")
 * //=> [{ cells: ["A","B"], line: 1 }, { cells: ["x, y","2"], line: 2 }]
 * ```
 */
export function readEpmCsvRecords(text: string, report: string): EpmCsvRecord[] {
  const records: EpmCsvRecord[] = [];
  const at: Cursor = { text, report, i: 0, line: 1 };
  while (at.i < text.length) records.push(readRecord(at));
  while (records.length > 0) {
    const last = records[records.length - 1]!;
    if (last.cells.length !== 1 || last.cells[0] !== "") break;
    records.pop();
  }
  return records;
}

/** Where the reader is: the text, its report name for messages, the offset and the line. */
interface Cursor {
  readonly text: string;
  readonly report: string;
  i: number;
  line: number;
}

/** One record from the cursor on; leaves the cursor after its line break (or at the end). */
function readRecord(at: Cursor): EpmCsvRecord {
  const start = at.line;
  const cells: string[] = [];
  for (;;) {
    cells.push(at.text.charCodeAt(at.i) === 0x22 ? readQuotedCell(at) : readPlainCell(at));
    if (at.i >= at.text.length) break;
    const c = at.text.charCodeAt(at.i);
    if (c === 0x2c) {
      at.i++;
      continue;
    }
    at.i += c === 0x0d ? 2 : 1;
    at.line++;
    break;
  }
  return { cells, line: start };
}

/** An unquoted cell: everything up to the next `,`, `\n` or `\r\n`. */
function readPlainCell(at: Cursor): string {
  const { text } = at;
  let end = at.i;
  while (end < text.length && !isCellEnd(text, end)) end++;
  const cell = text.slice(at.i, end);
  at.i = end;
  return cell;
}

/** A quoted cell (the cursor on its opening quote), with `""` read as `"`. */
function readQuotedCell(at: Cursor): string {
  const { text, report } = at;
  const open = at.line;
  let value = "";
  let from = at.i + 1;
  for (;;) {
    const q = text.indexOf('"', from);
    if (q < 0) {
      throw new PayloadError(
        `${report} report is not valid CSV: the quoted cell that opens on line ${open} never closes. The file may be cut short; nothing was parsed.`,
      );
    }
    value += text.slice(from, q);
    if (text.charCodeAt(q + 1) !== 0x22) {
      at.line += countLineBreaks(text, at.i, q);
      at.i = q + 1;
      break;
    }
    value += '"';
    from = q + 2;
  }
  if (at.i < text.length && !isCellEnd(text, at.i)) {
    throw new PayloadError(
      `${report} report is not valid CSV: line ${at.line} has text right after a closing quote (${JSON.stringify(text.slice(at.i, at.i + 20))}). Nothing was parsed.`,
    );
  }
  return value;
}

/** Whether a cell ends at `i`: a `,`, a `\n` or a `\r\n`. */
function isCellEnd(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 0x2c || c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) === 0x0a);
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf("\n", from); at >= 0 && at < to; at = text.indexOf("\n", at + 1)) count++;
  return count;
}
