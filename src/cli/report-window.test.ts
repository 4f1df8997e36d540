import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { withStderr } from "../../test/archive-helpers.js";
import { report } from "./report.js";
import { checkReportWindow } from "./report-window.js";

const NOW = Date.parse("2026-11-22T10:00:00Z");

describe("checkReportWindow", () => {
  it("resolves the window once into two UTC days: --days N is the N complete days before today", () => {
    assert.deepEqual(checkReportWindow({ days: "7" }, NOW), { from: "2026-11-15", to: "2026-11-21" });
    assert.deepEqual(checkReportWindow({ days: "30" }, NOW), { from: "2026-10-23", to: "2026-11-21" });
    assert.deepEqual(checkReportWindow({}, NOW), { from: "2026-11-08", to: "2026-11-21" });
    assert.deepEqual(checkReportWindow({ from: "2026-11-01", to: "2026-11-14" }, NOW), {
      from: "2026-11-01",
      to: "2026-11-14",
    });
    assert.deepEqual(checkReportWindow({ from: "2026-11-01", to: "today" }, NOW), {
      from: "2026-11-01",
      to: "2026-11-22",
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

// `epm-audit-kit report` checks the window before any notebook (or Jupyter) starts: a bad date
// is a usage error (exit 2) naming the flag and the accepted forms.
describe("epm-audit-kit report: the window is checked first", () => {
  it("refuses partial, ambiguous and impossible days with exit 2, naming the flag", async () => {
    const cases: Array<[string[], string]> = [
      [
        ["--from", "2026-02-30", "--to", "2026-03-01"],
        '--from ("2026-02-30") is not a UTC day. Accepted: YYYY-MM-DD',
      ],
      [["--from", "2026-11", "--to", "2026-11-30"], '--from ("2026-11") is not a UTC day.'],
      [["--from", "2026-11-01", "--to", "11/03/2026"], '--to ("11/03/2026") is not a UTC day.'],
      [["--from", "2026-11-01"], "Set both --from and --to"],
      [
        ["--days", "30", "--from", "2026-11-01", "--to", "2026-11-02"],
        "Set either --from/--to or --days, not both.",
      ],
      [["--days", "0"], '--days must be a whole number of days from 1 to 366, got "0".'],
    ];
    for (const [flags, message] of cases) {
      const { result, stderr } = await withStderr(() => report(["access-review", ...flags], {}));
      assert.equal(result, 2, flags.join(" "));
      assert.ok(
        stderr.startsWith(`epm-audit-kit report: ${message}`),
        `${flags.join(" ")}: ${stderr.split("\n")[0]}`,
      );
    }
  });
});
