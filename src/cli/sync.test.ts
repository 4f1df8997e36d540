import assert from "node:assert/strict";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { withStderr } from "../../test/archive-helpers.js";
import { readArchive } from "../archive/read-archive.js";
import { sync } from "./sync.js";

async function run(argv: string[]) {
  const lines: string[] = [];
  const { result: code, stderr } = await withStderr(() => sync(argv, {}, (line) => lines.push(line)));
  return { code, lines, stderr };
}

describe("epm-audit-kit sync", () => {
  it("without credentials syncs the simulator, says so, and a second run adds only new events", async () => {
    const archive = join(await mkdtemp(join(tmpdir(), "sync-cli-")), "archive");
    const since = new Date(Date.now() - 36 * 3_600_000).toISOString();
    const first = await run(["--archive", archive, "--since", since]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(
      first.lines[0] ?? "",
      /^No ANAPLAN_\* or EPM_\* credentials set: using the built-in simulator at http:\/\/127\.0\.0\.1:\d+ \(seed 1\)\.$/,
    );
    const added1 = Number(/events: \+(\d+) new of (\d+) fetched/.exec(first.lines.join("\n"))?.[1]);
    assert.ok(added1 > 100);
    const second = await run(["--archive", archive]);
    assert.equal(second.code, 0, second.stderr);
    const [, added2, fetched2] = /events: \+(\d+) new of (\d+) fetched/.exec(second.lines.join("\n")) ?? [];
    assert.ok(Number(added2) < Number(fetched2), "the overlap was fetched again and not added twice");
    const ids = (await (await readArchive(archive)).events.collect()).getColumn("id");
    assert.equal(ids.nUnique(), ids.length);
    assert.equal(ids.length, added1 + Number(added2));
    const manifest = JSON.parse(await readFile(join(archive, "manifest.json"), "utf8"));
    assert.deepEqual(manifest.origin, { anaplan: "simulator (seed 1)", epm: "simulator (seed 1)" });
  });

  it("refuses while another sync holds the lock, and explains usage errors", async () => {
    const archive = await mkdtemp(join(tmpdir(), "sync-cli-"));
    const lock = {
      pid: process.pid,
      host: (await import("node:os")).hostname(),
      startedAt: "2026-11-22T00:00:00.000Z",
    };
    await writeFile(join(archive, "sync.lock"), JSON.stringify(lock));
    const locked = await run(["--archive", archive, "--wait", "0"]);
    assert.equal(locked.code, 1);
    assert.ok(
      locked.stderr.startsWith(
        `epm-audit-kit sync: Archive is locked by another sync (process ${process.pid} on host `,
      ),
      locked.stderr,
    );
    const usage = await run([]);
    assert.equal(usage.code, 2);
    assert.equal(
      usage.stderr,
      "epm-audit-kit sync: --archive DIR is required. (see epm-audit-kit sync --help)\n",
    );
  });
});
