import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { after, before, describe, it } from "node:test";
import pl from "nodejs-polars";
import { AnaplanClient } from "../src/anaplan/anaplan-client.js";
import { readArchive } from "../src/archive/read-archive.js";
import { syncArchive } from "../src/archive/sync-archive.js";
import { EpmClient } from "../src/epm/epm-client.js";
import { type Simulator, startSimulator } from "../src/simulator/start-simulator.js";

// Kill a real sync process with SIGKILL at named steps (and after a delay), run it again, and
// compare the archive with an uninterrupted run: same files, same rows, same watermarks.

const DAY = 86_400_000;
const T1 = Date.parse("2026-11-22T10:00:00Z");
const T2 = T1 + DAY + 3 * 3_600_000;
const CHILD = join(import.meta.dirname, "archive-sync-child.ts");

let sim: Simulator;
let epmOptions = "";
let anaplanOptions = "";

interface Run {
  child: ChildProcess;
  /** Resolves with the first "PAUSED"/"DONE" line, or the exit code when neither came. */
  reached: Promise<string>;
  exited: Promise<number | null>;
}

function runChild(archive: string, now: number, pauseAt?: string): Run {
  sim.clock.set(now); // the child's "now" and the simulator's must agree
  const child = spawn(process.execPath, ["--import", "tsx", CHILD], {
    env: {
      ...process.env,
      TZ: "UTC",
      ARCHIVE_DIR: archive,
      ARCHIVE_NOW: String(now),
      ARCHIVE_EPM: epmOptions,
      ARCHIVE_ANAPLAN: anaplanOptions,
      ARCHIVE_PAUSE_AT: pauseAt ?? "",
      // A short backfill keeps each run quick; the full first sync is tested in archive-sync.test.ts.
      ARCHIVE_SINCE: new Date(T1 - 6 * DAY).toISOString(),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const reached = new Promise<string>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split("\n").find((l) => l.startsWith("PAUSED") || l.startsWith("DONE"));
      if (line) resolve(line);
    });
    void exited.then((code) =>
      reject(new Error(`sync child exited with ${code} before pausing:\n${out}\n${err}`)),
    );
  });
  return { child, reached, exited };
}

async function syncToEnd(archive: string, now: number): Promise<void> {
  const run = runChild(archive, now);
  assert.match(await run.reached, /^DONE /);
  assert.equal(await run.exited, 0);
}

async function killAt(archive: string, now: number, pauseAt: string): Promise<void> {
  const run = runChild(archive, now, pauseAt);
  assert.match(await run.reached, new RegExp(`^PAUSED ${pauseAt.replace("/", "\\/")} `));
  run.child.kill("SIGKILL");
  await run.exited;
}

/** Everything an archive holds, independent of how it was written: files, rows, manifest. */
async function contentOf(archive: string): Promise<Record<string, unknown>> {
  const entries = await readdir(archive, { recursive: true, withFileTypes: true });
  const content: Record<string, unknown> = {};
  for (const entry of entries.filter((e) => e.isFile()).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const path = join(entry.parentPath, entry.name);
    const name = relative(archive, path);
    if (name.endsWith(".parquet")) {
      content[name] = pl
        .readParquet(path)
        .rows()
        .map((row) => JSON.stringify(row));
    } else content[name] = await readFile(path, "utf8");
  }
  return Object.fromEntries(Object.entries(content).sort(([a], [b]) => (a < b ? -1 : 1)));
}

describe("syncArchive killed with SIGKILL and run again", { concurrency: 1 }, () => {
  let once: Record<string, unknown>;
  let twice: Record<string, unknown>;
  let base = "";

  before(async () => {
    sim = await startSimulator({
      port: 0,
      seed: 3,
      clock: { start: T1, frozen: true },
      anaplan: { eventsPerDay: 400 },
    });
    const { now: _epmNow, ...epm } = sim.epm.clientOptions;
    epmOptions = JSON.stringify(epm);
    const { now: _anaplanNow, ...anaplan } = sim.anaplan.clientOptions;
    anaplanOptions = JSON.stringify(anaplan);
    base = await mkdtemp(join(tmpdir(), "archive-crash-"));
    const reference = join(base, "reference");
    await syncToEnd(reference, T1);
    once = await contentOf(reference);
    await syncToEnd(reference, T2);
    twice = await contentOf(reference);
  });
  after(() => sim.close());

  it("the reference runs produced every dataset and two users snapshots", () => {
    const dirs = (c: Record<string, unknown>) => [
      ...new Set(Object.keys(c).map((k) => k.split("/").slice(0, 2).join("/"))),
    ];
    assert.deepEqual(dirs(twice), [
      "anaplan/entitlements",
      "anaplan/events",
      "anaplan/users",
      "epm/entitlements",
      "epm/group-assignment-audit",
      "epm/invalid-logins",
      "epm/role-assignment-audit",
      "epm/role-assignments",
      "epm/user-groups",
      "epm/user-logins",
      "manifest.json",
    ]);
    assert.ok(Object.keys(twice).includes("anaplan/users/snapshot=2026-11-23/part-00000.parquet"));
  });

  const firstSyncPoints = [
    "temp-written/events:1",
    "partition-written/events:4",
    "temp-written/manifest:6",
    "snapshot-written/users:1",
    "fetched/invalidLogins:1",
    "partition-written/userLogins:3",
    "watermark/userLogins:1",
    "temp-written/userGroups:1",
    "checksums-recorded/groupAssignmentAudit:1",
    // Entitlement snapshots, written last: staged, and checksums recorded before the rename.
    "temp-written/anaplanEntitlements:1",
    "checksums-recorded/epmEntitlements:1",
  ];
  for (const point of firstSyncPoints) {
    it(`first sync killed at ${point}, run again → the same archive`, async () => {
      const archive = join(base, `first-${point.replace(/[/:]/g, "-")}`);
      await killAt(archive, T1, point);
      const leftovers = (await readdir(archive, { recursive: true })).filter((n) =>
        /\/\.[^/]*\.tmp-|^\.[^/]*\.tmp-/.test(n),
      );
      assert.equal(
        leftovers.length > 0,
        point.startsWith("temp-written") || point.startsWith("checksums-recorded"),
        `temporary files left: ${leftovers.join(", ")}`,
      );
      await syncToEnd(archive, T1);
      assert.deepEqual(await contentOf(archive), once);
    });
  }

  const secondSyncPoints = [
    "partition-written/events:1",
    "temp-written/events:2",
    "watermark/invalidLogins:1",
    // Checksums of a rewritten partition recorded, the old file still in place.
    "checksums-recorded/events:1",
    "temp-written/epmEntitlements:1",
    "snapshot-written/anaplanEntitlements:1",
  ];
  for (const point of secondSyncPoints) {
    it(`incremental sync killed at ${point}, run again → the same archive, no duplicates`, async () => {
      const archive = join(base, `second-${point.replace(/[/:]/g, "-")}`);
      await syncToEnd(archive, T1);
      await killAt(archive, T2, point);
      await syncToEnd(archive, T2);
      assert.deepEqual(await contentOf(archive), twice);
    });
  }

  it("a sync killed mid-snapshot leaves no visible partial snapshot partition", async () => {
    const archive = join(base, "mid-snapshot");
    await killAt(archive, T1, "checksums-recorded/epmEntitlements:1");
    const frames = await readArchive(archive);
    assert.deepEqual(frames.entitlementCoverage.epmEntitlements.days, []);
    assert.equal((await frames.epmEntitlements.collect()).height, 0);
    assert.ok((await frames.events.collect()).height > 0, "the events synced before are readable");
  });

  it("a second sync refuses while a live one holds the lock, then takes the lock over once that one is killed", async () => {
    const archive = join(base, "concurrent");
    const run = runChild(archive, T1, "partition-written/events:2");
    assert.match(await run.reached, /^PAUSED /);
    const options = { archive, now: () => T1, since: T1 - 6 * DAY };
    await assert.rejects(syncArchive(options), {
      code: "E_ARCHIVE_LOCKED",
      message: new RegExp(`^Archive is locked by another sync \\(process ${run.child.pid} on host `),
    });
    run.child.kill("SIGKILL");
    await run.exited;
    const anaplan = new AnaplanClient({ ...sim.anaplan.clientOptions, log: { warn: () => undefined } });
    const epm = new EpmClient({ ...sim.epm.clientOptions, pollIntervalMs: 5 });
    try {
      const result = await syncArchive({ ...options, anaplan, epm });
      assert.deepEqual(result.warnings, [
        `Took over a stale archive lock ${join(archive, "sync.lock")} left by process ${run.child.pid} (no longer running) since ${result.warnings[0]?.match(/since (\S+)\.$/)?.[1]}.`,
      ]);
    } finally {
      await anaplan.close();
      await epm.close();
    }
    assert.deepEqual(await contentOf(archive), once);
  });

  it("killed twice in a row at different points, then run to the end → the same archive", async () => {
    const archive = join(base, "twice-killed");
    await killAt(archive, T1, "partition-written/events:5");
    await killAt(archive, T1, "temp-written/groupAssignmentAudit:2");
    await syncToEnd(archive, T1);
    assert.deepEqual(await contentOf(archive), once);
  });

  for (const delayMs of [1200, 1800]) {
    it(`killed ${delayMs} ms after start, run again → the same archive`, async () => {
      const archive = join(base, `timed-${delayMs}`);
      const run = runChild(archive, T1);
      run.reached.catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      run.child.kill("SIGKILL");
      await run.exited;
      await syncToEnd(archive, T1);
      assert.deepEqual(await contentOf(archive), once);
    });
  }
});
