import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "../errors/validation-error.js";
import { addUtcDays } from "./add-utc-days.js";
import { formatInstant } from "./format-instant.js";
import { formatUtcDay } from "./format-utc-day.js";
import { startOfUtcDay } from "./start-of-utc-day.js";

describe("formatUtcDay, formatInstant, startOfUtcDay, addUtcDays", () => {
  it("give the UTC day of an instant, whatever the process zone", () => {
    assert.equal(formatUtcDay(Date.UTC(2026, 10, 1, 23, 59, 59, 999)), "2026-11-01");
    assert.equal(formatUtcDay(Date.UTC(2026, 10, 2)), "2026-11-02");
    assert.equal(formatUtcDay(new Date(Date.UTC(2028, 1, 29, 12))), "2028-02-29");
    assert.equal(formatInstant(Date.UTC(2026, 10, 5, 8, 30)), "2026-11-05T08:30:00.000Z");
    assert.equal(startOfUtcDay(Date.UTC(2026, 10, 5, 23, 59)), Date.UTC(2026, 10, 5));
    assert.equal(startOfUtcDay(new Date(Date.UTC(2026, 2, 8, 9, 30))), Date.UTC(2026, 2, 8));
    for (const bad of [Number.NaN, new Date(Number.NaN)]) {
      assert.throws(() => formatUtcDay(bad), ValidationError);
      assert.throws(() => formatInstant(bad), ValidationError);
      assert.throws(() => startOfUtcDay(bad), ValidationError);
    }
  });

  it("addUtcDays crosses month, year, leap-day and DST dates exactly", () => {
    const cases: Array<[string, number, string]> = [
      ["2026-11-30", 1, "2026-12-01"],
      ["2026-12-31", 1, "2027-01-01"],
      ["2026-03-01", -1, "2026-02-28"],
      ["2028-03-01", -1, "2028-02-29"],
      ["2028-02-28", 1, "2028-02-29"],
      ["2026-03-07", 2, "2026-03-09"], // over the US spring-forward date
      ["2026-10-31", 2, "2026-11-02"], // over the US fall-back date
      ["2026-12-06", -30, "2026-11-06"],
      ["2026-11-05", 0, "2026-11-05"],
    ];
    for (const [day, n, expected] of cases) assert.equal(addUtcDays(day, n), expected, `${day} + ${n}`);
    assert.throws(() => addUtcDays("2026-02-30", 1), { name: "ValidationError", message: /2026-02-30/ });
    assert.throws(() => addUtcDays("2026-11-05", 1.5), {
      name: "ValidationError",
      message: "addUtcDays takes a whole number of days, got 1.5.",
    });
  });
});
