import assert from "node:assert/strict";
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { withStderr } from "../../test/archive-helpers.js";
import type { ArchiveCliSources } from "./archive-cli-sources.js";
import { exportCommand } from "./export.js";
import { loadExportFrame } from "./export-frames.js";

describe("loadExportFrame: an empty or inverted window is an error, not an empty file", () => {
  it("from an archive: from after to, and from equal to to", async () => {
    const archive = await mkdtemp(join(tmpdir(), "export-window-"));
    const load = (from: string, to: string) =>
      loadExportFrame("events", { archive, sources: undefined, from, to, days: undefined });
    await assert.rejects(load("2026-11-10", "2026-11-09"), {
      name: "ValidationError",
      code: "E_VALIDATION",
      message:
        "The window is inverted: from 2026-11-10 (2026-11-10T00:00:00.000Z) is not before to 2026-11-09 (2026-11-10T00:00:00.000Z, excluded). Give a start before the end; a bare end date such as 2026-11-30 includes that whole day.",
    });
    await assert.rejects(load("2026-11-10T05:00:00Z", "2026-11-10T05:00:00Z"), {
      code: "E_VALIDATION",
      message: /^The window is empty: from 2026-11-10T05:00:00Z /,
    });
  });

  it("from the live APIs, checked before any client is used", async () => {
    // Only the clock is needed: the window is checked before a client is touched (none exists here).
    const sources = { now: () => Date.parse("2026-11-22T10:00:00Z") } as ArchiveCliSources;
    await assert.rejects(
      loadExportFrame("invalid-logins", {
        archive: undefined,
        sources,
        from: "2026-11-20",
        to: "2026-11-19",
        days: undefined,
      }),
      {
        code: "E_VALIDATION",
        message:
          "The window is inverted: --from 2026-11-20 (2026-11-20T00:00:00.000Z) is not before --to 2026-11-19 (2026-11-20T00:00:00.000Z). Give --from before --to; a bare --to date includes that whole day.",
      },
    );
    await assert.rejects(
      loadExportFrame("events", {
        archive: undefined,
        sources,
        from: "2026-11-23",
        to: undefined,
        days: undefined,
      }),
      {
        code: "E_VALIDATION",
        message: /^The window is inverted: --from 2026-11-23 \(2026-11-23T00:00:00.000Z\) is not before now /,
      },
    );
  });

  it("the export command exits non-zero, says why, and writes no file", async () => {
    const archive = await mkdtemp(join(tmpdir(), "export-window-"));
    const out = await mkdtemp(join(tmpdir(), "export-out-"));
    const { result, stderr } = await withStderr(() =>
      exportCommand(
        [
          "events",
          "--archive",
          archive,
          "--from",
          "2026-11-10",
          "--to",
          "2026-11-09",
          "--out",
          join(out, "e.csv"),
        ],
        {},
        () => undefined,
      ),
    );
    // The command checks the window before it opens anything (a usage error, exit 2).
    assert.equal(result, 2);
    assert.match(stderr, /^epm-audit-kit export: --from \(2026-11-10\) must be before --to \(2026-11-09\)/);
    assert.deepEqual(await readdir(out), []);
  });
});
