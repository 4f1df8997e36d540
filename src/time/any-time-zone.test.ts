import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

// The time rule must not depend on the process time zone. The suite may itself run under any TZ,
// so this test also starts child processes with a zone set before any Date is made (setting
// process.env.TZ in a running process is less reliable) and compares their answers.
const script = `
import * as time from ${JSON.stringify(pathToFileURL(fileURLToPath(new URL("./index.ts", import.meta.url))).href)};
const now = Date.UTC(2026, 2, 8, 9, 30); // the morning US clocks spring forward
const out = {
  offset: new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset(),
  day: time.parseUtcDay("2026-11-01"),
  zoneless: time.parseInstant("2026-11-01T01:30:00"),
  anaplan: time.parseInstant("2026-11-01T01:30:00.000+0000"),
  formatted: time.formatUtcDay(Date.UTC(2026, 10, 1, 23, 59)),
  plus: time.addUtcDays("2026-03-07", 2),
  last7: time.windowOfLastDays(7, now),
  range: time.toInstantRange({ from: "2026-03-01", to: "2026-03-31" }),
  count: time.dayCount({ from: "2026-03-01", to: "2026-11-30" }),
  refused: (() => { try { time.parseUtcDay("2026-02-30"); return "accepted"; } catch (e) { return e.name; } })(),
};
console.log(JSON.stringify(out));
`;

const expected = {
  day: Date.UTC(2026, 10, 1),
  zoneless: Date.UTC(2026, 10, 1, 1, 30),
  anaplan: Date.UTC(2026, 10, 1, 1, 30),
  formatted: "2026-11-01",
  plus: "2026-03-09",
  last7: { from: "2026-03-01", to: "2026-03-07" },
  range: { from: Date.UTC(2026, 2, 1), to: Date.UTC(2026, 3, 1) },
  count: 275,
  refused: "ValidationError",
};

describe("the time module in other process time zones", () => {
  it("gives the same answers under Asia/Kolkata, America/Los_Angeles and UTC", () => {
    const dir = mkdtempSync(join(tmpdir(), "kit-time-"));
    try {
      const file = join(dir, "probe.ts");
      writeFileSync(file, script);
      for (const [zone, offset] of [
        ["Asia/Kolkata", -330],
        ["America/Los_Angeles", 480],
        ["UTC", 0],
      ] as const) {
        const stdout = execFileSync(process.execPath, ["--import", "tsx", file], {
          cwd: fileURLToPath(new URL("../..", import.meta.url)),
          env: { ...process.env, TZ: zone },
          encoding: "utf8",
          timeout: 60_000,
        });
        // The offset shows the child really ran in that zone.
        assert.deepEqual(JSON.parse(stdout), { offset, ...expected }, zone);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
