import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { withStderr } from "../../test/archive-helpers.js";
import { report } from "./report.js";

// `npm run report` checks the window before any notebook (or Jupyter) starts: a bad date is a
// usage error (exit 2) naming the flag and the accepted forms.
describe("npm run report: the window is checked first", () => {
  it("refuses partial, ambiguous and impossible days with exit 2, naming the flag", async () => {
    const cases: Array<[string[], string]> = [
      [
        ["--from", "2026-02-30", "--to", "2026-03-01"],
        '--from ("2026-02-30") is not a UTC day. Accepted: YYYY-MM-DD',
      ],
      [["--from", "2026-11", "--to", "2026-11-30"], '--from ("2026-11") is not a UTC day.'],
      [["--from", "2026-11-01", "--to", "11/03/2026"], '--to ("11/03/2026") is not a UTC day.'],
      [["--from", "2026-11-01"], "Give both --from and --to."],
      [
        ["--days", "30", "--from", "2026-11-01", "--to", "2026-11-02"],
        "Set either --from/--to or --days, not both.",
      ],
      [["--days", "0"], '--days must be a whole number of days from 1 to 366, got "0".'],
    ];
    for (const [flags, message] of cases) {
      const { result, stderr } = await withStderr(() => report(["access-review", ...flags], {}));
      assert.equal(result, 2, flags.join(" "));
      assert.ok(stderr.startsWith(message), `${flags.join(" ")}: ${stderr.split("\n")[0]}`);
    }
  });
});
