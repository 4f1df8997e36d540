import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "../errors/validation-error.js";
import { addDays, dayStartMs, daysBetween, readInstant, utcDay } from "./utc-day.js";

describe("archive day helpers (over src/time)", () => {
  it("read days as UTC and a to-day as the end of that day", () => {
    assert.equal(readInstant("2026-11-01", "from"), Date.UTC(2026, 10, 1));
    assert.equal(readInstant("2026-11-01", "to", true), Date.UTC(2026, 10, 2));
    assert.equal(readInstant("2026-11-01T06:00:00", "to", true), Date.UTC(2026, 10, 1, 6)); // zone-less = UTC
    assert.equal(readInstant("2026-11-01T06:00:00+0100", "to"), Date.UTC(2026, 10, 1, 5));
    assert.equal(readInstant(Date.UTC(2026, 10, 1, 6), "to", true), Date.UTC(2026, 10, 1, 6));
    assert.equal(dayStartMs("2028-02-29"), Date.UTC(2028, 1, 29));
    assert.equal(utcDay(Date.UTC(2026, 10, 1, 23, 59)), "2026-11-01");
    assert.equal(addDays("2026-02-28", 1), "2026-03-01");
    assert.deepEqual(daysBetween("2028-02-28", "2028-03-01"), ["2028-02-28", "2028-02-29", "2028-03-01"]);
  });

  it("refuse 2026-02-30 (once 2 March) and 2026-11 (once 1 November)", () => {
    for (const text of ["2026-02-30", "2026-11", "20261105", "2026-W45-4", "11/03/2026", "3 Nov", ""]) {
      assert.throws(
        () => readInstant(text, "--from"),
        (e: unknown) =>
          e instanceof ValidationError &&
          e.message.startsWith(`--from (${JSON.stringify(text)}) is not a date or time.`),
        text,
      );
    }
    assert.throws(() => dayStartMs("2026-02-30"), ValidationError);
    assert.throws(() => addDays("2026-11", 1), ValidationError);
  });
});
