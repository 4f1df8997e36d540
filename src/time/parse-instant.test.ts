import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "../errors/validation-error.js";
import { parseInstant, parseInstantWithZone } from "./parse-instant.js";

describe("parseInstant", () => {
  it("reads days, zoned and zone-less timestamps, Dates and epoch ms to exact epoch ms", () => {
    const cases: Array<[string | number | Date, number, "given" | "assumed UTC"]> = [
      ["2026-11-05", Date.UTC(2026, 10, 5), "given"],
      ["2026-11-05T08:30:00Z", Date.UTC(2026, 10, 5, 8, 30), "given"],
      ["2026-11-05T08:30Z", Date.UTC(2026, 10, 5, 8, 30), "given"],
      ["2026-11-05T08:30:15.250Z", Date.UTC(2026, 10, 5, 8, 30, 15, 250), "given"],
      ["2026-11-05T08:30:15.2Z", Date.UTC(2026, 10, 5, 8, 30, 15, 200), "given"],
      ["2026-11-05T08:30:15.123456789Z", Date.UTC(2026, 10, 5, 8, 30, 15, 123), "given"],
      ["2026-11-05T08:30:00.000+0000", Date.UTC(2026, 10, 5, 8, 30), "given"], // as Anaplan sends it
      ["2026-11-05T08:30:00+00:00", Date.UTC(2026, 10, 5, 8, 30), "given"],
      ["2026-11-05T14:00:00+05:30", Date.UTC(2026, 10, 5, 8, 30), "given"],
      ["2026-11-05T00:30:00-0800", Date.UTC(2026, 10, 5, 8, 30), "given"],
      ["2026-11-05T23:00:00-05:00", Date.UTC(2026, 10, 6, 4, 0), "given"], // the UTC day is the 6th
      ["2026-11-05T08:30:00", Date.UTC(2026, 10, 5, 8, 30), "assumed UTC"],
      ["2026-11-05T08:30", Date.UTC(2026, 10, 5, 8, 30), "assumed UTC"],
      ["2028-02-29T23:59:59.999", Date.UTC(2028, 1, 29, 23, 59, 59, 999), "assumed UTC"],
      ["2026-03-08T10:00:00", Date.UTC(2026, 2, 8, 10), "assumed UTC"], // a US DST day: still UTC
      [new Date(Date.UTC(2026, 10, 5)), Date.UTC(2026, 10, 5), "given"],
      [1_793_836_800_000, 1_793_836_800_000, "given"],
      [0, 0, "given"],
    ];
    for (const [value, ms, zone] of cases) {
      assert.equal(parseInstant(value), ms, String(value));
      assert.deepEqual(parseInstantWithZone(value), { ms, zone }, String(value));
    }
  });

  it("refuses ambiguous, partial and impossible text and invalid values, listing the accepted forms", () => {
    const refused: unknown[] = [
      "11/03/2026",
      "2026-1-3",
      "2026-11",
      "20261105",
      "2026-W45-4",
      "3 Nov",
      "2026-02-30",
      "2026-02-30T10:00:00Z",
      "",
      "   ",
      "2026-11-05 08:30:00", // a space for T
      "2026-11-05t08:30:00z",
      "2026-11-05T24:00:00Z",
      "2026-11-05T23:60Z",
      "2026-11-05T23:59:60Z",
      "2026-11-05T8:30Z",
      "2026-11-05T08",
      "2026-11-05T08:30:00+5",
      "2026-11-05T08:30:00+05",
      "2026-11-05T08:30:00+24:00",
      "2026-11-05T08:30:00 Z",
      "2026-11-05T08:30:00.Z",
      "2026-11-05T08:30:00.1234567890Z",
      "20261105T083000Z",
      "Thu, 05 Nov 2026 08:30:00 GMT",
      "yesterday",
      "1793836800000", // epoch ms as text: give a number
      Number.NaN,
      Number.POSITIVE_INFINITY,
      new Date(Number.NaN),
      undefined,
      null,
      {},
    ];
    for (const value of refused) {
      assert.throws(
        () => parseInstant(value as never, "to"),
        (e: unknown) =>
          e instanceof ValidationError &&
          e.message.includes(
            ") is not a date or time. Accepted: YYYY-MM-DD (a UTC calendar day, e.g. 2026-11-05), YYYY-MM-DDTHH:MM[:SS[.fff]] with Z or ±HH:MM",
          ) &&
          e.message.startsWith("to ("),
        String(value),
      );
    }
    assert.throws(() => parseInstant(new Date(Number.NaN), "from"), {
      name: "ValidationError",
      message: /^from \("Invalid Date"\) is not a date or time\./,
    });
  });
});
