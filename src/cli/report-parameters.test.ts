import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "../errors/validation-error.js";
import { readReportParameters, resolveReportWindow } from "./report-parameters.js";

const now = Date.parse("2026-11-22T10:30:00Z");
const summary = (p: ReturnType<typeof readReportParameters>) => ({
  from: p.window.from.toISOString(),
  to: p.window.to.toISOString(),
  days: p.days,
  dayCount: p.dayCount,
  includesToday: p.includesToday,
  description: p.description,
});

describe("readReportParameters", () => {
  it("defaults to the 14 complete UTC days before today and the out folder", () => {
    const p = readReportParameters({}, now);
    assert.deepEqual(summary(p), {
      from: "2026-11-08T00:00:00.000Z",
      to: "2026-11-22T00:00:00.000Z",
      days: { from: "2026-11-08", to: "2026-11-21" },
      dayCount: 14,
      includesToday: false,
      description: "2026-11-08 → 2026-11-21 (14 days, UTC)",
    });
    assert.equal(p.outDir, "out");
  });

  it("KIT_DAYS=30 is 30 whole days, labelled 30 days, and the same window all day and tomorrow for those days", () => {
    const morning = readReportParameters({ KIT_DAYS: "30" }, Date.parse("2026-12-06T00:00:01Z"));
    const evening = readReportParameters({ KIT_DAYS: "30" }, Date.parse("2026-12-06T23:59:59Z"));
    for (const p of [morning, evening]) {
      assert.deepEqual(summary(p), {
        from: "2026-11-06T00:00:00.000Z",
        to: "2026-12-06T00:00:00.000Z",
        days: { from: "2026-11-06", to: "2026-12-05" },
        dayCount: 30,
        includesToday: false,
        description: "2026-11-06 → 2026-12-05 (30 days, UTC)",
      });
    }
    // A rerun tomorrow for the same days, given as KIT_FROM/KIT_TO, is the same window.
    const tomorrow = readReportParameters(
      { KIT_FROM: "2026-11-06", KIT_TO: "2026-12-05" },
      Date.parse("2026-12-07T09:00:00Z"),
    );
    assert.deepEqual(summary(tomorrow), summary(morning));
  });

  it("takes KIT_FROM/KIT_TO as inclusive UTC days, KIT_TO=today up to now, and KIT_OUT", () => {
    const p = readReportParameters({ KIT_FROM: "2026-11-01", KIT_TO: "2026-11-07", KIT_OUT: "/tmp/r" }, now);
    assert.deepEqual(summary(p), {
      from: "2026-11-01T00:00:00.000Z",
      to: "2026-11-08T00:00:00.000Z",
      days: { from: "2026-11-01", to: "2026-11-07" },
      dayCount: 7,
      includesToday: false,
      description: "2026-11-01 → 2026-11-07 (7 days, UTC)",
    });
    assert.equal(p.outDir, "/tmp/r");
    const expectedToday = {
      from: "2026-11-20T00:00:00.000Z",
      to: "2026-11-22T10:30:00.000Z",
      days: { from: "2026-11-20", to: "2026-11-22" },
      dayCount: 3,
      includesToday: true,
      description: "2026-11-20 → 2026-11-22 (3 days, UTC; today up to 10:30 UTC)",
    };
    assert.deepEqual(
      summary(readReportParameters({ KIT_FROM: "2026-11-20", KIT_TO: "today" }, now)),
      expectedToday,
    );
    assert.deepEqual(
      summary(readReportParameters({ KIT_FROM: "2026-11-20", KIT_TO: "2026-11-22" }, now)),
      expectedToday,
    );
    assert.deepEqual(summary(readReportParameters({ KIT_DAYS: "3", KIT_TO: "today" }, now)), expectedToday);
    assert.deepEqual(readReportParameters({ KIT_DAYS: "2", KIT_TO: "2026-03-01" }, now).days, {
      from: "2026-02-28",
      to: "2026-03-01",
    });
    assert.equal(
      readReportParameters({ KIT_DAYS: "1" }, now).description,
      "2026-11-21 → 2026-11-21 (1 day, UTC)",
    );
  });

  it("refuses malformed or contradictory parameters with a message naming the variable", () => {
    const bad: Array<[Record<string, string>, RegExp]> = [
      [{ KIT_FROM: "2026-11-01" }, /^Set both KIT_FROM and KIT_TO/],
      [{ KIT_TO: "2026-11-01" }, /^Set KIT_FROM with KIT_TO, or KIT_DAYS with KIT_TO\.$/],
      [
        { KIT_FROM: "2026-02-30", KIT_TO: "2026-03-01" },
        /^KIT_FROM \("2026-02-30"\) is not a UTC day\. Accepted: YYYY-MM-DD/,
      ],
      [{ KIT_FROM: "2026-11", KIT_TO: "2026-11-30" }, /^KIT_FROM \("2026-11"\) is not a UTC day/],
      [{ KIT_FROM: "2026-11-01", KIT_TO: "11/03/2026" }, /^KIT_TO \("11\/03\/2026"\) is not a UTC day/],
      [{ KIT_DAYS: "3", KIT_TO: "20261105" }, /^KIT_TO \("20261105"\) is not a UTC day/],
      [
        { KIT_FROM: "2026-11-05", KIT_TO: "2026-11-01" },
        /^KIT_FROM \(2026-11-05\) is after KIT_TO \(2026-11-01\)/,
      ],
      [
        { KIT_FROM: "2026-11-01", KIT_TO: "2026-11-02", KIT_DAYS: "3" },
        /either KIT_FROM\/KIT_TO or KIT_DAYS/,
      ],
      [{ KIT_FROM: "2026-11-23", KIT_TO: "2026-11-30" }, /starts after today \(2026-11-22, UTC\)/],
      [{ KIT_DAYS: "0" }, /^KIT_DAYS must be a whole number of days from 1 to 366, got "0"/],
      [{ KIT_DAYS: "1.5" }, /got "1\.5"/],
      [{ KIT_DAYS: "367" }, /got "367"/],
      [{ KIT_DAYS: "1e1" }, /got "1e1"/],
    ];
    for (const [env, message] of bad) {
      assert.throws(
        () => readReportParameters(env, now),
        (e: unknown) => e instanceof ValidationError && message.test(e.message),
        JSON.stringify(env),
      );
    }
  });
});

describe("resolveReportWindow", () => {
  it("names the CLI flags when asked, and takes numbers", () => {
    const flags = { from: "--from", to: "--to", days: "--days" };
    assert.deepEqual(resolveReportWindow({ days: 30 }, Date.parse("2026-12-06T02:46:00Z"), flags), {
      from: "2026-11-06",
      to: "2026-12-05",
    });
    assert.throws(() => resolveReportWindow({ from: "2026-11-05" }, now, flags), {
      message: /^Set both --from and --to/,
    });
    assert.throws(() => resolveReportWindow({ days: "x" }, now, flags), {
      message: '--days must be a whole number of days from 1 to 366, got "x".',
    });
  });
});
