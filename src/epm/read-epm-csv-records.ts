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
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const start = line;
    const cells: string[] = [];
    for (;;) {
      let cell: string;
      if (text.charCodeAt(i) === 0x22) {
        const open = line;
        let value = "";
        let from = i + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q < 0) {
            throw new PayloadError(
              `${report} report is not valid CSV: the quoted cell that opens on line ${open} never closes. The file may be cut short; nothing was parsed.`,
            );
          }
          value += text.slice(from, q);
          if (text.charCodeAt(q + 1) === 0x22) {
            value += '"';
            from = q + 2;
            continue;
          }
          line += countLineBreaks(text, i, q);
          i = q + 1;
          break;
        }
        const next = text.charCodeAt(i);
        if (i < n && next !== 0x2c && next !== 0x0a && !(next === 0x0d && text.charCodeAt(i + 1) === 0x0a)) {
          throw new PayloadError(
            `${report} report is not valid CSV: line ${line} has text right after a closing quote (${JSON.stringify(text.slice(i, i + 20))}). Nothing was parsed.`,
          );
        }
        cell = value;
      } else {
        let end = i;
        while (end < n) {
          const c = text.charCodeAt(end);
          if (c === 0x2c || c === 0x0a || (c === 0x0d && text.charCodeAt(end + 1) === 0x0a)) break;
          end++;
        }
        cell = text.slice(i, end);
        i = end;
      }
      cells.push(cell);
      if (i >= n) break;
      const c = text.charCodeAt(i);
      if (c === 0x2c) {
        i++;
        continue;
      }
      i += c === 0x0d ? 2 : 1;
      line++;
      break;
    }
    records.push({ cells, line: start });
  }
  while (records.length > 0) {
    const last = records[records.length - 1]!;
    if (last.cells.length !== 1 || last.cells[0] !== "") break;
    records.pop();
  }
  return records;
}

function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let at = text.indexOf("\n", from); at >= 0 && at < to; at = text.indexOf("\n", at + 1)) count++;
  return count;
}
