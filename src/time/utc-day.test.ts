import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "../errors/validation-error.js";
import { isUtcDay, parseUtcDay } from "./utc-day.js";

/** Every refused form, with why: the list from issue 12 and a few neighbours. */
const REFUSED_DAYS: readonly unknown[] = [
  "11/03/2026", // ambiguous: 3 November or 11 March
  "2026-1-3", // unpadded
  "2026-11", // partial: a month
  "2026", // partial: a year
  "20261105", // compact ISO
  "2026-W45-4", // ISO week date
  "2026-309", // ISO ordinal date
  "3 Nov", // words
  "Nov 3, 2026",
  "2026-02-30", // impossible
  "2026-02-29", // not a leap year
  "2026-04-31",
  "2026-13-01",
  "2026-00-10",
  "2026-11-00",
  "", // empty
  " ", // whitespace
  " 2026-11-05", // surrounding whitespace
  "2026-11-05 ",
  "2026-11-05T00:00:00Z", // a timestamp is not a day
  "+002026-11-05", // expanded year
  "2026/11/05",
  "2026-11-05\n",
  undefined,
  null,
  20261105,
];

describe("parseUtcDay", () => {
  it("reads YYYY-MM-DD as 00:00 UTC, month and leap-year edges included", () => {
    const cases: Array<[string, number]> = [
      ["2026-11-05", Date.UTC(2026, 10, 5)],
      ["2026-01-01", Date.UTC(2026, 0, 1)],
      ["2026-12-31", Date.UTC(2026, 11, 31)],
      ["2026-02-28", Date.UTC(2026, 1, 28)],
      ["2028-02-29", Date.UTC(2028, 1, 29)],
      ["2000-02-29", Date.UTC(2000, 1, 29)],
      ["2026-04-30", Date.UTC(2026, 3, 30)],
      ["2026-03-08", Date.UTC(2026, 2, 8)], // US DST starts: irrelevant in UTC
      ["2026-11-01", Date.UTC(2026, 10, 1)], // US DST ends
    ];
    for (const [text, ms] of cases) {
      assert.equal(parseUtcDay(text), ms, text);
      assert.equal(isUtcDay(text), true, text);
    }
    assert.equal(parseUtcDay("2026-11-05"), 1_793_836_800_000);
  });

  it("refuses ambiguous, partial and impossible text, naming the input and the accepted forms", () => {
    for (const value of REFUSED_DAYS) {
      assert.equal(isUtcDay(value), false, String(value));
      assert.throws(
        () => parseUtcDay(value, "KIT_FROM"),
        (e: unknown) =>
          e instanceof ValidationError &&
          e.code === "E_VALIDATION" &&
          e.message.startsWith(`KIT_FROM (${JSON.stringify(value) ?? String(value)}) is not a UTC day.`) &&
          e.message.includes("Accepted: YYYY-MM-DD (a UTC calendar day, e.g. 2026-11-05)"),
        JSON.stringify(value),
      );
    }
    assert.throws(() => parseUtcDay("2026-02-30"), {
      message: /^day \("2026-02-30"\) is not a UTC day\. Accepted: YYYY-MM-DD/,
    });
  });
});
