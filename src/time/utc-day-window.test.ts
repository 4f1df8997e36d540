import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "../errors/validation-error.js";
import { dayCount, daysOf, describeUtcDayWindow, toInstantRange, utcDayWindow } from "./utc-day-window.js";
import { windowOfLastDays } from "./window-of-last-days.js";

describe("UtcDayWindow", () => {
  it("utcDayWindow checks both days and their order", () => {
    assert.deepEqual(utcDayWindow("2026-11-01", "2026-11-30"), { from: "2026-11-01", to: "2026-11-30" });
    assert.deepEqual(utcDayWindow("2026-11-05", "2026-11-05"), { from: "2026-11-05", to: "2026-11-05" });
    assert.throws(() => utcDayWindow("2026-11-05", "2026-11-01", ["--from", "--to"]), {
      name: "ValidationError",
      message:
        "--from (2026-11-05) is after --to (2026-11-01): a window of UTC days needs --from on or before --to (both days are included).",
    });
    assert.throws(
      () => utcDayWindow("2026-11", "2026-11-30", ["KIT_FROM", "KIT_TO"]),
      (e: unknown) =>
        e instanceof ValidationError && e.message.startsWith('KIT_FROM ("2026-11") is not a UTC day.'),
    );
  });

  it("toInstantRange is [from 00:00Z, the day after to 00:00Z); dayCount and daysOf count both ends", () => {
    const cases: Array<[string, string, number, number, number]> = [
      ["2026-11-05", "2026-11-05", Date.UTC(2026, 10, 5), Date.UTC(2026, 10, 6), 1],
      ["2026-11-01", "2026-11-30", Date.UTC(2026, 10, 1), Date.UTC(2026, 11, 1), 30],
      ["2026-02-01", "2026-02-28", Date.UTC(2026, 1, 1), Date.UTC(2026, 2, 1), 28],
      ["2028-02-01", "2028-02-29", Date.UTC(2028, 1, 1), Date.UTC(2028, 2, 1), 29],
      ["2026-12-31", "2027-01-01", Date.UTC(2026, 11, 31), Date.UTC(2027, 0, 2), 2],
      ["2026-01-01", "2026-12-31", Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1), 365],
      ["2028-01-01", "2028-12-31", Date.UTC(2028, 0, 1), Date.UTC(2029, 0, 1), 366],
      // Over both US DST changes: days stay 24 h, the count stays exact.
      ["2026-03-01", "2026-11-30", Date.UTC(2026, 2, 1), Date.UTC(2026, 11, 1), 275],
    ];
    for (const [from, to, fromMs, toMs, n] of cases) {
      const window = { from, to };
      assert.deepEqual(toInstantRange(window), { from: fromMs, to: toMs }, `${from}..${to}`);
      assert.equal(dayCount(window), n, `${from}..${to}`);
      assert.equal((toMs - fromMs) / 86_400_000, n);
      const days = daysOf(window);
      assert.equal(days.length, n);
      assert.equal(days[0], from);
      assert.equal(days.at(-1), to);
    }
    assert.deepEqual(daysOf({ from: "2026-03-07", to: "2026-03-09" }), [
      "2026-03-07",
      "2026-03-08",
      "2026-03-09",
    ]);
    assert.deepEqual(daysOf({ from: "2026-11-02", to: "2026-11-01" }), []);
    assert.equal(dayCount({ from: "2026-11-02", to: "2026-11-01" }), 0);
    assert.equal(
      describeUtcDayWindow({ from: "2026-11-01", to: "2026-11-30" }),
      "2026-11-01 → 2026-11-30 (30 days, UTC)",
    );
    assert.equal(
      describeUtcDayWindow({ from: "2026-11-05", to: "2026-11-05" }),
      "2026-11-05 → 2026-11-05 (1 day, UTC)",
    );
  });

  it("windowOfLastDays: the N complete UTC days before today, the same all day long", () => {
    const early = Date.UTC(2026, 11, 6, 0, 0, 0, 1);
    const late = Date.UTC(2026, 11, 6, 23, 59, 59, 999);
    for (const now of [early, late]) {
      assert.deepEqual(windowOfLastDays(30, now), { from: "2026-11-06", to: "2026-12-05" });
      assert.deepEqual(windowOfLastDays(1, now), { from: "2026-12-05", to: "2026-12-05" });
      assert.deepEqual(windowOfLastDays(14, now, { includeToday: true }), {
        from: "2026-11-23",
        to: "2026-12-06",
      });
      assert.equal(dayCount(windowOfLastDays(30, now)), 30);
    }
    // At midnight UTC the window moves by exactly one day.
    assert.deepEqual(windowOfLastDays(30, Date.UTC(2026, 11, 7)), { from: "2026-11-07", to: "2026-12-06" });
    // Over a leap day and the US DST change.
    assert.deepEqual(windowOfLastDays(3, Date.UTC(2028, 2, 1, 12)), { from: "2028-02-27", to: "2028-02-29" });
    assert.deepEqual(windowOfLastDays(7, Date.UTC(2026, 2, 10, 3)), { from: "2026-03-03", to: "2026-03-09" });
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      assert.throws(() => windowOfLastDays(bad, early), {
        name: "ValidationError",
        message: `A window of the last N days needs a whole number N >= 1, got ${bad}.`,
      });
    }
  });
});
