import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { checkReportWindow } from "./report-window.js";

const NOW = Date.parse("2026-11-22T10:00:00Z");

describe("checkReportWindow", () => {
  it("passes a valid window on, days as a number", () => {
    assert.deepEqual(checkReportWindow({ days: "7" }, NOW), { from: undefined, to: undefined, days: 7 });
    assert.deepEqual(checkReportWindow({ from: "2026-11-01", to: "2026-11-14" }, NOW), {
      from: "2026-11-01",
      to: "2026-11-14",
      days: undefined,
    });
  });

  it("refuses what the notebooks would refuse, naming the flag instead of the variable", () => {
    assert.throws(
      () => checkReportWindow({ from: "2026-02-30", to: "2026-03-01" }, NOW),
      (error: Error) => {
        assert.equal(error.name, "UsageError");
        assert.match(error.message, /^--from .*"2026-02-30"/);
        assert.doesNotMatch(error.message, /KIT_/);
        return true;
      },
    );
    assert.throws(() => checkReportWindow({ days: "ten" }, NOW), {
      name: "UsageError",
      message: /^--days .*"ten"/,
    });
    assert.throws(() => checkReportWindow({ from: "2026-11-01" }, NOW), {
      name: "UsageError",
      message: /--to/,
    });
  });
});
