import assert from "node:assert/strict";
import { test } from "node:test";
import { ValidationError } from "../errors/validation-error.js";
import { checkEpmFileName, checkEpmJobPath, showName } from "./check-epm-file-name.js";

test("checkEpmFileName keeps the names EPM documents: plain, folders with / or \\, spaces, #, unicode", () => {
  for (const name of [
    "UserLogin.csv",
    "inbox/UserLogin.csv",
    "inbox\\s112.csv",
    "apr/2020-03-04 23_07_20/2020-03-04 23_07_20.html",
    "outbox/Q1 2026/report #1.csv",
    "Artifact Snapshot",
    "Überblick…/файл.csv",
    "a..b.csv",
    ".hidden",
    "x".repeat(255),
  ]) {
    assert.equal(checkEpmFileName(name), name);
  }
});

test("checkEpmFileName refuses what would leave the name's own path segment, naming the value safely", () => {
  const refused: Array<[unknown, string]> = [
    ["..", 'EPM file name ".." is not allowed: "." and ".." are not file names.'],
    ["inbox/./x", '"." and ".." are not file names'],
    ["a\\..", '"." and ".." are not file names'],
    ["", "it is empty"],
    ["\\x", "an empty folder or file part"],
    ["x/ /y", "a blank folder or file part"],
    ["a\tb", '"a\\u0009b" is not allowed: it holds a control character'],
    ["a\u0085b", '"a\\u0085b" is not allowed: it holds a control character'],
    ["\udc00x", '"\\udc00x" is not allowed: it holds a lone UTF-16 surrogate'],
    [null, "(null) is not allowed: it must be text"],
    [
      "z".repeat(600),
      `"${"z".repeat(80)}…" (600 characters) is not allowed: it is 600 characters long, more than 512`,
    ],
  ];
  for (const [name, part] of refused) {
    assert.throws(
      () => checkEpmFileName(name),
      (e: unknown) =>
        e instanceof ValidationError &&
        e.code === "E_VALIDATION" &&
        e.message.includes(part) &&
        e.message.endsWith('e.g. "inbox/report.csv"; nothing was sent.'),
      String(name).slice(0, 20),
    );
  }
  assert.throws(
    () => checkEpmFileName("..", "EPM job parameter filename"),
    /^ValidationError: EPM job parameter filename "\.\."/,
  );
});

test("checkEpmJobPath accepts absolute API paths of plain segments only", () => {
  assert.equal(checkEpmJobPath("/interop/rest/v2/reports/groupaudit"), "/interop/rest/v2/reports/groupaudit");
  assert.equal(checkEpmJobPath("/interop/rest/11.1.2.3.600/x%20y"), "/interop/rest/11.1.2.3.600/x%20y");
  for (const path of [
    "",
    "/",
    "x/y",
    "/a/../b",
    "/a/./b",
    "/a//b",
    "/a/b/",
    "/a?b=1",
    "/a#b",
    "/a b",
    "/a/%zz",
    7,
  ]) {
    assert.throws(() => checkEpmJobPath(path), ValidationError, String(path));
  }
});

test("showName quotes, escapes controls, quotes and backslashes, and cuts long values", () => {
  assert.equal(showName('a"b\\c\nd'), '"a\\"b\\\\c\\u000ad"');
  assert.equal(showName("é✓"), '"é✓"');
  assert.equal(showName("q".repeat(81)), `"${"q".repeat(80)}…" (81 characters)`);
  assert.equal(showName(undefined), "(undefined)");
});
