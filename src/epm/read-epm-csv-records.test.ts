import assert from "node:assert/strict";
import { test } from "node:test";
import { PayloadError } from "../errors/payload-error.js";
import { readEpmCsvRecords } from "./read-epm-csv-records.js";

const cells = (text: string) => readEpmCsvRecords(text, "R").map((r) => [r.line, ...r.cells]);

test("readEpmCsvRecords: RFC 4180 quoting, CRLF or LF, line numbers across quoted line breaks", () => {
  assert.deepEqual(cells('A,B\r\n"x, ""y""",2\n"multi\nline\r\ncell",3\nlast,4'), [
    [1, "A", "B"],
    [2, 'x, "y"', "2"],
    [3, "multi\nline\r\ncell", "3"],
    [6, "last", "4"],
  ]);
  assert.deepEqual(cells("A,B\n,\n"), [
    [1, "A", "B"],
    [2, "", ""],
  ]);
  // A final record of one empty cell is the file's end, quoted or not.
  assert.deepEqual(cells('A\n""\n'), [[1, "A"]]);
  assert.deepEqual(cells("A\n\nB\n\n\n"), [
    [1, "A"],
    [2, ""],
    [3, "B"],
  ]);
  assert.deepEqual(cells('a"b,c\r'), [[1, 'a"b', "c\r"]]);
});

test("readEpmCsvRecords: an unclosed quote or text after a closing quote is an error naming the line", () => {
  assert.throws(
    () => readEpmCsvRecords('A\n1\n"open\n', "User Group"),
    (e: unknown) =>
      e instanceof PayloadError &&
      e.message ===
        "User Group report is not valid CSV: the quoted cell that opens on line 3 never closes. The file may be cut short; nothing was parsed.",
  );
  assert.throws(
    () => readEpmCsvRecords('A\n"x\ny"z\n', "R"),
    /line 3 has text right after a closing quote \("z\\n"\)/,
  );
});
