import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import pl from "nodejs-polars";
// @ts-expect-error s3rver ships no types
import S3rver from "s3rver";
import { AnaplanClient } from "../src/anaplan/anaplan-client.js";
import { acquireObjectArchiveLock } from "../src/archive/object-store/object-archive-lock.js";
import { ObjectStoreError } from "../src/archive/object-store/object-store-error.js";
import { readArchiveAt, readObjectArchive } from "../src/archive/object-store/read-object-archive.js";
import { createS3ObjectStore } from "../src/archive/object-store/s3-object-store.js";
import { parseS3Uri } from "../src/archive/object-store/s3-uri.js";
import { syncObjectArchive } from "../src/archive/object-store/sync-object-archive.js";
import { readArchive } from "../src/archive/read-archive.js";
import { syncArchive } from "../src/archive/sync-archive.js";
import { openArchiveRun } from "../src/cli/archive-audit-run.js";
import { openAuditRun } from "../src/cli/audit-run.js";
import { exportCommand } from "../src/cli/export.js";
import { SYNC_HELP, sync } from "../src/cli/sync.js";
import { EpmClient } from "../src/epm/epm-client.js";
import { ValidationError } from "../src/errors/validation-error.js";
import { type Simulator, startSimulator } from "../src/simulator/start-simulator.js";

// The archive on S3-compatible object storage: s3rver (in-process, loopback, random port, temp
// folder), started and stopped here. Every s3:// result is compared with a local-archive sync of
// the same simulator data.

const DAY = 86_400_000;
const T0 = Date.parse("2026-10-01T06:00:00Z");
const SECRET = "S3RVER";
const quiet = { warn: () => undefined, debug: () => undefined };

let server: { run(): Promise<{ port: number }>; close(): Promise<void> };
let s3dir = "";
let env: Record<string, string>;
let sim: Simulator;
let anaplan: AnaplanClient;
let epm: EpmClient;
let local = "";

const sortedRows = async (frame: { collect(): Promise<{ sort(c: string): { toRecords(): unknown[] } }> }) =>
  JSON.stringify((await frame.collect()).sort("id").toRecords());

async function syncBoth(uri: string): Promise<void> {
  const now = () => sim.clock.now();
  await syncArchive({ archive: local, anaplan, epm, now });
  await syncObjectArchive({ archive: uri, anaplan, epm, now, env });
}

describe("archive on S3-compatible object storage (s3rver)", () => {
  before(async () => {
    s3dir = await mkdtemp(join(tmpdir(), "s3rver-"));
    server = new S3rver({
      port: 0,
      address: "127.0.0.1",
      directory: s3dir,
      silent: true,
      configureBuckets: [{ name: "bucket" }],
    });
    const { port } = await server.run();
    env = {
      AWS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "S3RVER",
      AWS_SECRET_ACCESS_KEY: SECRET,
    };
    sim = await startSimulator({
      port: 0,
      seed: 7,
      clock: { start: T0, frozen: true },
      anaplan: { eventsPerDay: 200 },
    });
    anaplan = new AnaplanClient({ ...sim.anaplan.clientOptions, log: quiet });
    epm = new EpmClient({ ...sim.epm.clientOptions, pollIntervalMs: 5, log: quiet });
    local = await mkdtemp(join(tmpdir(), "archive-s3-local-"));
    await syncBoth("s3://bucket/tenant-a");
  });
  after(async () => {
    await anaplan.close();
    await epm.close();
    await sim.close();
    await server.close();
    await rm(s3dir, { recursive: true, force: true });
  });

  it("reads back from s3:// exactly what a local-archive sync of the same data holds", async () => {
    const remote = await readObjectArchive("s3://bucket/tenant-a", { env });
    const mine = await readArchive(local);
    try {
      assert.ok((await mine.events.collect()).height > 1000);
      assert.equal(await sortedRows(remote.events), await sortedRows(mine.events));
      assert.equal(
        JSON.stringify((await remote.users.collect()).toRecords()),
        JSON.stringify((await mine.users.collect()).toRecords()),
      );
      const invalid = async (f: typeof mine) => JSON.stringify((await f.invalidLogins.collect()).toRecords());
      assert.equal(await invalid(remote), await invalid(mine));
      assert.deepEqual(remote.manifest.datasets, mine.manifest.datasets);
      assert.equal(remote.checksums.unverified.length, 0);
    } finally {
      await remote.close();
    }
  });

  it("a second sync adds only what is new, and readArchiveAt dispatches local and s3://", async () => {
    sim.clock.advance(2 * DAY);
    await syncBoth("s3://bucket/tenant-a");
    const remote = await readArchiveAt("s3://bucket/tenant-a", { env, from: "2026-10-02" });
    const mine = await readArchiveAt(local, { from: "2026-10-02" });
    try {
      assert.equal(await sortedRows(remote.events), await sortedRows(mine.events));
    } finally {
      await remote.close();
      await mine.close();
    }
  });

  it("export and report (archive run) read from s3:// the same frames as from the local archive", async () => {
    const out = await mkdtemp(join(tmpdir(), "archive-s3-export-"));
    const lines: string[] = [];
    const code = await exportCommand(
      ["events", "--archive", "s3://bucket/tenant-a", "--out", join(out, "s3.parquet")],
      env,
      (line) => lines.push(line),
    );
    assert.equal(code, 0, lines.join("\n"));
    assert.equal(
      await exportCommand(
        ["events", "--archive", local, "--out", join(out, "local.parquet")],
        env,
        () => undefined,
      ),
      0,
    );
    const rows = (file: string) => JSON.stringify(pl.readParquet(join(out, file)).sort("id").toRecords());
    assert.equal(rows("s3.parquet"), rows("local.parquet"));
    const window = { KIT_FROM: "2026-09-25", KIT_TO: "2026-10-02", KIT_OUT: out, ...env };
    // openAuditRun is what the report's notebooks call: KIT_ARCHIVE=s3://… selects the archive run.
    const remote = await openAuditRun({ ...window, KIT_ARCHIVE: "s3://bucket/tenant-a" });
    const mine = await openArchiveRun(local, window, sim.clock.now());
    try {
      const events = async (run: typeof mine) =>
        JSON.stringify((await run.anaplanEvents()).sort("id").toRecords());
      assert.equal(await events(remote), await events(mine));
      assert.match(remote.description, /Parquet archive at s3:\/\/bucket\/tenant-a/);
    } finally {
      await remote.close();
      await mine.close();
      await rm(out, { recursive: true, force: true });
    }
  });

  it("the sync command takes --archive s3://, and refuses a malformed one as a usage error", async () => {
    const lines: string[] = [];
    const since = new Date(Date.now() - 36 * 3_600_000).toISOString();
    const code = await sync(["--archive", "s3://bucket/cli", "--since", since], env, (line) =>
      lines.push(line),
    );
    assert.equal(code, 0, lines.join("\n"));
    assert.ok(
      lines.some((line) => line.startsWith("Archive s3://bucket/cli/ synced up to")),
      lines.join("\n"),
    );
    const added = Number(/events: \+(\d+) new/.exec(lines.join("\n"))?.[1]);
    const frames = await readObjectArchive("s3://bucket/cli", { env });
    assert.equal((await frames.events.collect()).height, added);
    await frames.close();
    assert.equal(await sync(["--archive", "s3://Bad_Bucket/x"], env, () => undefined), 2);
    assert.match(SYNC_HELP, /s3:\/\/BUCKET\/PREFIX/);
  });

  it("a sync killed between data upload and manifest leaves readers on the previous state; the next sync completes", async () => {
    const uri = "s3://bucket/crash";
    await syncObjectArchive({ archive: uri, anaplan, epm, now: () => sim.clock.now(), env });
    const first = await readObjectArchive(uri, { env });
    const before = await sortedRows(first.events);
    await first.close();
    sim.clock.advance(DAY);
    // The kill is simulated by a failure injected after the data objects are uploaded and
    // before the manifest is written.
    await assert.rejects(
      syncObjectArchive({
        archive: uri,
        anaplan,
        epm,
        now: () => sim.clock.now(),
        env,
        beforeManifest: async () => {
          throw new Error("killed");
        },
      }),
      /killed/,
    );
    const during = await readObjectArchive(uri, { env });
    assert.equal(await sortedRows(during.events), before);
    await during.close();
    await syncObjectArchive({ archive: uri, anaplan, epm, now: () => sim.clock.now(), env });
    const after = await readObjectArchive(uri, { env });
    assert.ok(JSON.parse(await sortedRows(after.events)).length > JSON.parse(before).length);
    const store = createS3ObjectStore(uri, env);
    const live = new Set(Object.values(JSON.parse((await store.get("manifest.json"))!.toString()).objects));
    assert.deepEqual(
      (await store.list("objects/")).filter((k) => !live.has(k)),
      [],
      "no unreferenced object left",
    );
    await after.close();
  });

  it("refuses a second sync while the lock object is held, with a typed lock error", async () => {
    const uri = "s3://bucket/locked";
    const store = createS3ObjectStore(uri, env);
    await store.put("sync.lock", Buffer.from('{"pid":1,"host":"elsewhere"}\n'));
    await assert.rejects(
      syncObjectArchive({ archive: uri, anaplan, now: () => sim.clock.now(), env }),
      (error: unknown) =>
        error instanceof ObjectStoreError &&
        error.reason === "locked" &&
        error.code === "E_OBJECT_STORE_LOCKED" &&
        error.message.includes("s3://bucket/locked/sync.lock"),
    );
    assert.equal(await store.get("manifest.json"), undefined);
    // s3rver ignores If-None-Match: the probe sees it, and put-then-verify still refuses a held lock.
    const fresh = createS3ObjectStore("s3://bucket/lock-probe", env);
    const held = await acquireObjectArchiveLock(fresh);
    assert.equal(held.atomic, false);
    await assert.rejects(
      acquireObjectArchiveLock(fresh),
      (error: unknown) => error instanceof ObjectStoreError && error.reason === "locked",
    );
    await held.release();
    await (await acquireObjectArchiveLock(fresh)).release();
    assert.deepEqual(await fresh.list(""), []);
  });

  it("bad credentials give an ObjectStoreError without the secret; a missing bucket and a bad URI are named", async () => {
    const secret = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY";
    const bad = {
      ...env,
      AWS_ACCESS_KEY_ID: "NOTAKEY",
      AWS_SECRET_ACCESS_KEY: secret,
      AWS_SESSION_TOKEN: "tok-SESSION-123",
    };
    await assert.rejects(readObjectArchive("s3://bucket/tenant-a", { env: bad }), (error: unknown) => {
      assert.ok(error instanceof ObjectStoreError);
      assert.equal(error.reason, "credentials");
      const text = `${error.message}\n${error.stack}\n${JSON.stringify(error)}`;
      assert.ok(!text.includes(secret) && !text.includes("tok-SESSION-123"), text);
      return true;
    });
    await assert.rejects(
      readObjectArchive("s3://nobucket/x", { env }),
      (error: unknown) => error instanceof ObjectStoreError && error.reason === "missing-bucket",
    );
    await assert.rejects(
      readObjectArchive("s3://bucket/empty", { env }),
      /No archive at s3:\/\/bucket\/empty\//,
    );
    assert.deepEqual(parseS3Uri("s3://bucket/a/b/"), { bucket: "bucket", prefix: "a/b/" });
    for (const uri of ["s3://", "s3://B/x", "s3://bucket/../x", "s3://bucket//x", "s3://bucket/x?y"]) {
      assert.throws(() => parseS3Uri(uri), ValidationError, uri);
    }
  });
});
