import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "../../errors/validation-error.js";
import { resolveEventWindow, splitWindow, toMs } from "./time-window.js";

const NOW = Date.parse("2026-11-20T12:00:00Z");
const DAY = 86_400_000;

const refused = (range: Parameters<typeof resolveEventWindow>[0], message: RegExp) =>
  assert.throws(
    () => resolveEventWindow(range, NOW),
    (error: unknown) =>
      error instanceof ValidationError && error.code === "E_VALIDATION" && message.test(error.message),
  );

describe("resolveEventWindow", () => {
  it("fixes [now - days, now] once", () => {
    assert.deepEqual(resolveEventWindow(14, NOW), { from: NOW - 14 * DAY, to: NOW });
    assert.deepEqual(resolveEventWindow(30, NOW), { from: NOW - 30 * DAY, to: NOW });
    assert.deepEqual(resolveEventWindow(1, NOW), { from: NOW - DAY, to: NOW });
  });

  it("refuses days outside 1..30, naming the retention and the archive", () => {
    refused(
      31,
      /whole number of days from 1 to 30, got 31\. Anaplan keeps audit events for 30 days only; .*archive/,
    );
    refused(0, /got 0/);
    refused(2.5, /got 2\.5/);
    refused(Number.NaN, /got NaN/);
  });

  it("reads Dates, ISO text (UTC when no zone, +0000 offsets) and epoch ms", () => {
    assert.deepEqual(resolveEventWindow({ from: new Date("2026-11-01T00:00:00Z"), to: "2026-11-02" }, NOW), {
      from: Date.parse("2026-11-01T00:00:00Z"),
      to: Date.parse("2026-11-02T00:00:00Z"),
    });
    assert.deepEqual(
      resolveEventWindow({ from: "2026-11-01T06:00:00", to: "2026-11-01T08:00:00.000+0200" }, NOW),
      { from: Date.parse("2026-11-01T06:00:00Z"), to: Date.parse("2026-11-01T06:00:00Z") },
    );
    assert.deepEqual(resolveEventWindow({ from: NOW - DAY }, NOW), { from: NOW - DAY, to: NOW });
  });

  it("refuses from after to, unreadable dates, and a from past the 30-day retention", () => {
    refused(
      { from: "2026-11-10", to: "2026-11-09" },
      /from \(2026-11-10T00:00:00\.000Z\) is after to \(2026-11-09T00:00:00\.000Z\)/,
    );
    refused({ from: "yesterday" }, /from \("yesterday"\) is not a date/);
    refused({ from: "2026-11-01", to: "2026-13-45" }, /to \("2026-13-45"\) is not a date/);
    refused({ from: new Date("nope") }, /from \("Invalid Date"\) is not a date/);
    refused(
      { from: "2026-10-01" },
      /is 50 days before now; Anaplan keeps audit events for 30 days only \(earliest: 2026-10-21T00:00:00\.000Z, 00:00 UTC of the day 30 days before today 2026-11-20\).*archive/,
    );
    refused({ from: "2026-10-20T23:59:59.999Z" }, /is 31 days before now/);
    refused({ from: NOW - DAY, to: NOW + 40 * DAY }, /spans more than 30 days \(plus today\)/);
    for (const text of [
      "2026-11",
      "20261105",
      "2026-W45-4",
      "11/03/2026",
      "2026-02-30",
      "2026-11-05 10:00",
      "",
    ]) {
      refused({ from: text }, /is not a date or time\. Accepted: YYYY-MM-DD/);
    }
  });

  it("counts retention in whole UTC days: the 30 complete days before today are accepted at any hour", () => {
    for (const now of [Date.parse("2026-11-20T00:00:00.001Z"), Date.parse("2026-11-20T23:59:59.999Z")]) {
      const days = { from: Date.parse("2026-10-21T00:00:00Z"), to: Date.parse("2026-11-20T00:00:00Z") };
      assert.deepEqual(resolveEventWindow(days, now), days);
      // ... and with today's partial day too.
      assert.deepEqual(resolveEventWindow({ from: days.from }, now), { from: days.from, to: now });
    }
  });
});

describe("splitWindow", () => {
  it("cuts into day slices sharing their boundaries", () => {
    assert.deepEqual(splitWindow({ from: 0, to: 2.5 * DAY }), [
      { from: 0, to: DAY },
      { from: DAY, to: 2 * DAY },
      { from: 2 * DAY, to: 2.5 * DAY },
    ]);
    assert.deepEqual(splitWindow({ from: 5, to: 5 }), [{ from: 5, to: 5 }]);
    assert.equal(splitWindow({ from: NOW - 14 * DAY, to: NOW }).length, 14);
  });

  it("toMs names the argument it could not read", () => {
    assert.throws(() => toMs("2026-xx", "to"), /to \("2026-xx"\) is not a date/);
  });
});
