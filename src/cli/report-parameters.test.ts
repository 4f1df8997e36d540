import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readReportParameters } from "./report-parameters.js";

const now = Date.parse("2026-11-22T10:30:00Z");

describe("readReportParameters", () => {
  it("defaults to the last 14 days up to now and the out folder", () => {
    const p = readReportParameters({}, now);
    assert.deepEqual(
      {
        from: p.window.from.toISOString(),
        to: p.window.to.toISOString(),
        days: p.days,
        dayCount: p.dayCount,
      },
      {
        from: "2026-11-08T10:30:00.000Z",
        to: "2026-11-22T10:30:00.000Z",
        days: { from: "2026-11-08", to: "2026-11-22" },
        dayCount: 14,
      },
    );
    assert.equal(p.outDir, "out");
    assert.equal(p.description, "2026-11-08 → 2026-11-22 (14 days, UTC)");
  });

  it("takes KIT_FROM/KIT_TO as inclusive UTC days, capped at now, and KIT_OUT", () => {
    const p = readReportParameters({ KIT_FROM: "2026-11-01", KIT_TO: "2026-11-07", KIT_OUT: "/tmp/r" }, now);
    assert.equal(p.window.from.toISOString(), "2026-11-01T00:00:00.000Z");
    assert.equal(p.window.to.toISOString(), "2026-11-08T00:00:00.000Z");
    assert.deepEqual(p.days, { from: "2026-11-01", to: "2026-11-07" });
    assert.equal(p.outDir, "/tmp/r");
    const today = readReportParameters({ KIT_FROM: "2026-11-20", KIT_TO: "2026-11-22" }, now);
    assert.equal(today.window.to.toISOString(), "2026-11-22T10:30:00.000Z");
  });

  it("refuses malformed or contradictory parameters with a message naming the variable", () => {
    const bad: Array<[Record<string, string>, RegExp]> = [
      [{ KIT_FROM: "2026-11-01" }, /Set both KIT_FROM and KIT_TO/],
      [{ KIT_FROM: "2026-02-30", KIT_TO: "2026-03-01" }, /KIT_FROM must be a day as YYYY-MM-DD/],
      [
        { KIT_FROM: "2026-11-05", KIT_TO: "2026-11-01" },
        /KIT_FROM \(2026-11-05\) must be on or before KIT_TO/,
      ],
      [
        { KIT_FROM: "2026-11-01", KIT_TO: "2026-11-02", KIT_DAYS: "3" },
        /either KIT_FROM\/KIT_TO or KIT_DAYS/,
      ],
      [{ KIT_DAYS: "0" }, /KIT_DAYS must be a whole number of days from 1 to 366, got "0"/],
    ];
    for (const [env, message] of bad) {
      assert.throws(() => readReportParameters(env, now), { name: "ValidationError", message });
    }
  });
});
