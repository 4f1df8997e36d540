import assert from "node:assert/strict";
import { mkdtemp, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import pl from "nodejs-polars";
import { AnaplanClient } from "../src/anaplan/anaplan-client.js";
import { tenantRolesFromEvents } from "../src/anaplan/entitlements/tenant-roles-from-events.js";
import { readManifest } from "../src/archive/archive-manifest.js";
import { readArchive } from "../src/archive/read-archive.js";
import { syncArchive } from "../src/archive/sync-archive.js";
import { openArchiveRun } from "../src/cli/archive-audit-run.js";
import { sync } from "../src/cli/sync.js";
import { EpmClient } from "../src/epm/epm-client.js";
import { EntitlementRoleError } from "../src/errors/entitlement-role-error.js";
import { type Simulator, startSimulator } from "../src/simulator/start-simulator.js";

// Entitlement snapshots in the archive, against the simulator over real HTTP: one per source
// per UTC day, equal to the entitlement frames, unchanged days hard-linked, failures recorded.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.parse("2026-10-01T06:00:00Z");
const DAYS = 5;
// then a day at 23:59 and the next at 00:01
const quiet = { warn: () => undefined, debug: () => undefined };
const sortAll = (df: pl.DataFrame) => (df.height > 1 ? df.sort(df.columns) : df);
const file = (archive: string, path: string, day: string) =>
  join(archive, path, `snapshot=${day}`, "part-00000.parquet");

let sim: Simulator;
let anaplan: AnaplanClient;
let epm: EpmClient;
let archive = "";
const expected = { anaplan: new Map<string, pl.DataFrame>(), epm: new Map<string, pl.DataFrame>() };
const days: string[] = [];
const seconds: number[] = [];
/** Seconds the entitlement snapshots add to each sync (after the last other snapshot). */
const added: number[] = [];

describe("entitlement snapshots in the archive", () => {
  before(async () => {
    sim = await startSimulator({ port: 0, seed: 7, clock: { start: T0, frozen: true } });
    anaplan = new AnaplanClient({ ...sim.anaplan.clientOptions, log: quiet });
    epm = new EpmClient({ ...sim.epm.clientOptions, pollIntervalMs: 5, log: quiet });
    archive = await mkdtemp(join(tmpdir(), "archive-ent-"));
    // Five days apart at 06:00, then 23:59 and 00:01 of the next day: the last two hold the
    // same state (nothing happens in two minutes), so the second is a hard link.
    const steps = [...Array.from({ length: DAYS - 1 }, () => DAY), 18 * HOUR - 60_000, 2 * 60_000, 0];
    for (let i = 0; i < steps.length; i++) {
      const day = new Date(sim.clock.now()).toISOString().slice(0, 10);
      if (!days.includes(day)) days.push(day); // a second sync of a day replaces its snapshot
      const started = performance.now();
      let beforeSnapshots = 0;
      const result = await syncArchive({
        archive,
        anaplan,
        epm,
        now: () => sim.clock.now(),
        onProgress: (p) => {
          if (p.step === "snapshot-written" && p.dataset === "userGroups")
            beforeSnapshots = performance.now();
        },
      });
      const end = performance.now();
      seconds.push((end - started) / 1000);
      added.push((end - beforeSnapshots) / 1000);
      assert.deepEqual(result.failedSnapshots, []);
      const events = await (await readArchive(archive)).events.collect();
      const users = await anaplan.audit.listUsers();
      const derived = tenantRolesFromEvents(events, { users }).rows;
      expected.anaplan.set(day, sortAll(await anaplan.entitlements.snapshot({ derivedRoles: derived })));
      expected.epm.set(day, sortAll(await epm.entitlements.snapshot()));
      sim.clock.advance(steps[i]!);
    }
  });
  after(async () => {
    await anaplan.close();
    await epm.close();
    await sim.close();
  });

  it("stores one snapshot per source per day, equal to the entitlement frames", async () => {
    const frames = await readArchive(archive);
    for (const [name, source] of [
      ["anaplanEntitlements", "anaplan"],
      ["epmEntitlements", "epm"],
    ] as const) {
      const all = await frames[name].collect();
      assert.deepEqual(frames.entitlementCoverage[name].days, days);
      for (const day of days) {
        const got = sortAll(all.filter(pl.col("snapshot").eq(pl.lit(day))).drop("snapshot"));
        assert.deepEqual(got.toRecords(), expected[source].get(day)!.toRecords(), `${name} ${day}`);
      }
    }
    const derived = (await frames.anaplanEntitlements.collect()).filter(
      pl.col("source").eq(pl.lit("derived")),
    );
    assert.ok(derived.height > 0, "derived tenant/model roles are in the Anaplan snapshot");
    // No baseline for roles held before the first archived event: never recorded as complete.
    assert.equal(frames.entitlementCoverage.anaplanEntitlements.derivedCompleteFrom, null);
  });

  it("stores an unchanged day as a hard link to the previous file, with its checksum", async () => {
    const manifest = await readManifest(archive);
    let links = 0;
    for (const path of ["anaplan/entitlements", "epm/entitlements"]) {
      for (let i = 1; i < days.length; i++) {
        const [a, b] = [file(archive, path, days[i - 1]!), file(archive, path, days[i]!)];
        const same = (await readFile(a)).equals(await readFile(b));
        const [sa, sb] = [await stat(a), await stat(b)];
        assert.equal(sa.ino === sb.ino, same, `${path} ${days[i]}: linked exactly when unchanged`);
        if (same) links += 1;
        const key = `${path}/snapshot=${days[i]}/part-00000.parquet`;
        assert.ok(manifest.files?.[key]?.sha256, `checksum of ${key}`);
      }
    }
    assert.ok(links > 0, "at least one unchanged day");
    const frames = await readArchive(archive);
    assert.ok(frames.checksums.verified > 0);
  });

  it("returns the latest snapshot before the range as baseline", async () => {
    const frames = await readArchive(archive, { from: days[2]!, to: days[3]! });
    const c = frames.entitlementCoverage.epmEntitlements;
    assert.deepEqual(c, {
      days: [days[1]!, days[2]!, days[3]!],
      baseline: days[1]!,
      failed: [],
      derivedCompleteFrom: null,
    });
    const snapshotDays = (await frames.epmEntitlements.select("snapshot").unique().collect())
      .getColumn("snapshot")
      .toArray()
      .sort();
    assert.deepEqual(snapshotDays, [days[1], days[2], days[3]]);
  });

  it("fails reading a snapshot with a flipped byte, naming the file", async () => {
    const copy = await mkdtemp(join(tmpdir(), "archive-ent-flip-"));
    const { cp } = await import("node:fs/promises");
    await cp(archive, copy, { recursive: true });
    const target = file(copy, "epm/entitlements", days[0]!);
    const bytes = await readFile(target);
    bytes[100] = bytes[100]! ^ 0xff;
    await writeFile(target, bytes);
    await assert.rejects(readArchive(copy), (e: Error) => {
      assert.match(e.message, /epm\/entitlements\/snapshot=/);
      return true;
    });
  });

  it("records a failed entitlement call, keeps the events, and reports it", async () => {
    sim.anaplan.entitlements.controls.userAdmin = false;
    try {
      const result = await syncArchive({ archive, anaplan, epm, now: () => sim.clock.now() });
      const day = new Date(sim.clock.now()).toISOString().slice(0, 10);
      assert.equal(result.failedSnapshots.length, 1);
      assert.match(
        result.failedSnapshots[0]!,
        new RegExp(`^anaplanEntitlements ${day}: snapshot not taken \\(EntitlementRoleError`),
      );
      assert.ok(result.history.events !== undefined, "events synced");
      assert.equal(result.snapshots.epmEntitlements?.snapshot, day);
      const manifest = await readManifest(archive);
      assert.equal(manifest.datasets.anaplanEntitlements?.failedSnapshots?.[0]?.day, day);
      assert.equal(manifest.datasets.events?.coveredTo !== undefined, true);
      const frames = await readArchive(archive, { from: day, to: day });
      assert.deepEqual(
        frames.entitlementCoverage.anaplanEntitlements.failed.map((f) => f.day),
        [day],
      );
      assert.ok(new EntitlementRoleError("x", "y" as never) instanceof Error);
    } finally {
      sim.anaplan.entitlements.controls.userAdmin = true;
    }
  });

  it("gives the archive run's entitlementSnapshots: the window's days, the baseline, nothing incomplete", async () => {
    const run = await openArchiveRun(archive, { KIT_FROM: days[2]!, KIT_TO: days[3]!, KIT_OUT: archive });
    const s = await run.entitlementSnapshots();
    assert.deepEqual(s.days, { anaplan: [days[1], days[2], days[3]], epm: [days[1], days[2], days[3]] });
    assert.deepEqual(s.baseline, { anaplan: days[1], epm: days[1] });
    assert.deepEqual(s.incomplete, []);
    assert.deepEqual(
      sortAll(s.epm.filter(pl.col("snapshot").eq(pl.lit(days[2]!))).drop("snapshot")).toRecords(),
      expected.epm.get(days[2]!)!.toRecords(),
    );
    await run.close();
  });

  it("reports numbers", async () => {
    const sizes = [];
    for (const path of ["anaplan/entitlements", "epm/entitlements"]) {
      sizes.push(`${path}: ${(await stat(file(archive, path, days[0]!))).size} bytes`);
    }
    const frames = await readArchive(archive, { from: days[0]!, to: days[0]! });
    const rows = `anaplan rows ${(await frames.anaplanEntitlements.collect()).height}, epm rows ${(await frames.epmEntitlements.collect()).height}`;
    console.log(
      `# snapshot sizes: ${sizes.join(", ")}; ${rows}; sync seconds per day: ${seconds.map((s) => s.toFixed(2)).join(", ")}; of which entitlement snapshots: ${added.map((s) => s.toFixed(2)).join(", ")}`,
    );
  });
});

describe("epm-audit-kit sync with a failing entitlement call", () => {
  it("exits 1 with an INCOMPLETE line naming what failed", async () => {
    const s = await startSimulator({ port: 0, seed: 3, clock: { start: Date.now(), frozen: true } });
    try {
      s.anaplan.entitlements.controls.userAdmin = false;
      const o = s.anaplan.clientOptions;
      const dir = await mkdtemp(join(tmpdir(), "archive-ent-cli-"));
      const lines: string[] = [];
      const code = await sync(
        ["--archive", dir],
        {
          ANAPLAN_EMAIL: o.email,
          ANAPLAN_PASSWORD: o.password,
          ANAPLAN_AUTH_URL: o.authUrl,
          ANAPLAN_AUDIT_URL: o.auditUrl,
          ANAPLAN_API_URL: o.apiUrl,
        },
        (line) => lines.push(line),
      );
      assert.equal(code, 1, lines.join("\n"));
      assert.ok(
        lines.some((l) => /^INCOMPLETE: entitlement snapshot\(s\) not taken: anaplanEntitlements /.test(l)),
        lines.join("\n"),
      );
      const frames = await readArchive(dir);
      assert.ok((await frames.events.collect()).height > 0, "events kept");
    } finally {
      await s.close();
    }
  });
});
