import assert from "node:assert/strict";
import { test } from "node:test";
import { ValidationError } from "../errors/validation-error.js";
import { resolveEpmDateRange } from "./epm-date-range.js";

const now = Date.parse("2026-05-01T10:00:00Z");
const opts = { report: "Group Assignment Audit", retentionDays: 120, now };

test("resolveEpmDateRange accepts YYYY-MM-DD and Dates (UTC day)", () => {
  assert.deepEqual(resolveEpmDateRange({ from: "2026-01-01", to: new Date("2026-01-31T23:59:59Z") }, opts), {
    from: "2026-01-01",
    to: "2026-01-31",
  });
  // the earliest day allowed: exactly 120 days before today
  assert.deepEqual(resolveEpmDateRange({ from: "2026-01-01", to: "2026-01-01" }, opts), {
    from: "2026-01-01",
    to: "2026-01-01",
  });
});

test("resolveEpmDateRange names the report and the limit", () => {
  const cases: Array<[unknown, RegExp]> = [
    [
      { from: "2026-02-10", to: "2026-02-01" },
      /^Group Assignment Audit report: from \(2026-02-10\) is after to \(2026-02-01\)/,
    ],
    [
      { from: "2025-12-31", to: "2026-01-10" },
      /reaches back 120 days: from 2025-12-31 is before 2026-01-01 .*Use from >= 2026-01-01/,
    ],
    [{ from: "2026/01/02", to: "2026-01-10" }, /from "2026\/01\/02" is not a day in YYYY-MM-DD/],
    [{ from: "2026-02-30", to: "2026-03-10" }, /from "2026-02-30" is not a day/],
    [{ from: "2026-01-02", to: new Date("nope") }, /to is an invalid Date/],
    [
      { from: "2026-01-02", to: "2026-06-01" },
      /covers at most 120 days: 2026-01-02 to 2026-06-01 is 150 days/,
    ],
    [undefined, /needs a date range/],
  ];
  for (const [range, message] of cases) {
    assert.throws(
      () => resolveEpmDateRange(range as never, opts),
      (e: unknown) => e instanceof ValidationError && e.code === "E_VALIDATION" && message.test(e.message),
      String(message),
    );
  }
});

test("resolveEpmDateRange uses each report's window", () => {
  const ninety = { report: "Invalid Login", retentionDays: 90, now };
  assert.doesNotThrow(() => resolveEpmDateRange({ from: "2026-01-31", to: "2026-02-01" }, ninety));
  assert.throws(
    () => resolveEpmDateRange({ from: "2026-01-30", to: "2026-02-01" }, ninety),
    /Invalid Login report reaches back 90 days/,
  );
});

test("resolveEpmDateRange takes a Date's UTC day in any process zone, and refuses partial text", () => {
  // 23:30 on 31 January in Los Angeles is 1 February in UTC: the UTC day is what counts.
  assert.deepEqual(
    resolveEpmDateRange({ from: "2026-01-31", to: new Date("2026-01-31T23:30:00-08:00") }, opts),
    { from: "2026-01-31", to: "2026-02-01" },
  );
  for (const text of ["2026-01", "20260105", "2026-W02-1", "01/05/2026", "2026-1-5", ""]) {
    assert.throws(
      () => resolveEpmDateRange({ from: text, to: "2026-01-10" }, opts),
      (e: unknown) =>
        e instanceof ValidationError &&
        e.message.startsWith(
          `Group Assignment Audit report: from ${JSON.stringify(text)} is not a day in YYYY-MM-DD`,
        ) &&
        e.message.includes("Dates: YYYY-MM-DD is a UTC calendar day"),
      text,
    );
  }
});
