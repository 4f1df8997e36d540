import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { readArchive } from "../src/archive/read-archive.js";
import { syncArchive } from "../src/archive/sync-archive.js";
import { FakeClock, fakeAnaplan, fakeEpm } from "./archive-helpers.js";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = Date.parse("2026-11-22T10:00:00Z");

async function archivedIds(archive: string): Promise<string[]> {
  const events = await (await readArchive(archive)).events.collect();
  return events.getColumn("id").toArray().map(String).sort();
}

function setup(since = START - 60 * DAY) {
  const clock = new FakeClock(START);
  return { clock, anaplan: fakeAnaplan(clock, since), epm: fakeEpm(clock, since) };
}

describe("syncArchive (hand-made tenants)", () => {
  it("first sync takes the whole 30-day window in 6-hour slices; the next asks from the watermark minus 2 h and adds only new events", async () => {
    const archive = await mkdtemp(join(tmpdir(), "sync-"));
    const { clock, anaplan } = setup();
    const first = await syncArchive({ archive, anaplan: anaplan.source, now: clock.now });
    assert.equal(anaplan.calls[0]?.from, START - 30 * DAY);
    assert.equal(anaplan.calls.at(-1)?.to, START);
    assert.equal(anaplan.calls.length, 3 + 29 * 4 + 2, "6-hour slices aligned to 00/06/12/18 UTC");
    assert.deepEqual(await archivedIds(archive), anaplan.idsVisible().sort());
    assert.equal(first.history.events?.added, anaplan.idsVisible().length);

    anaplan.calls.length = 0;
    clock.advance(5 * HOUR);
    const before = await archivedIds(archive);
    const second = await syncArchive({ archive, anaplan: anaplan.source, now: clock.now });
    assert.deepEqual(anaplan.calls, [
      { from: START - 2 * HOUR, to: START + 2 * HOUR },
      { from: START + 2 * HOUR, to: START + 5 * HOUR },
    ]);
    const after = await archivedIds(archive);
    assert.equal(new Set(after).size, after.length, "no duplicate ids");
    assert.equal(second.history.events?.added, after.length - before.length);
    assert.ok(
      (second.history.events?.fetched ?? 0) > (second.history.events?.added ?? 0),
      "the overlap refetched some",
    );
    assert.deepEqual(after, [...new Set([...before, ...anaplan.idsVisible()])].sort());
  });

  it("catches late events through the overlap, and misses them without it", async () => {
    for (const overlapMs of [2 * HOUR, 0]) {
      const archive = await mkdtemp(join(tmpdir(), "sync-"));
      const { clock, anaplan } = setup();
      await syncArchive({ archive, anaplan: anaplan.source, now: clock.now, overlapMs });
      const late = anaplan.idsVisible(START - 2 * HOUR, START);
      clock.advance(3 * HOUR);
      const lateNow = anaplan.idsVisible(START - 2 * HOUR, START).filter((id) => !late.includes(id));
      assert.ok(lateNow.length > 0, "some events of the last 2 h arrived after the first sync");
      await syncArchive({ archive, anaplan: anaplan.source, now: clock.now, overlapMs });
      const ids = new Set(await archivedIds(archive));
      assert.equal(
        lateNow.every((id) => ids.has(id)),
        overlapMs > 0,
      );
    }
  });

  it("keeps events the API has forgotten: clock over 45 days, syncs every 9 days → archive = union of all ever visible", async () => {
    const archive = await mkdtemp(join(tmpdir(), "sync-"));
    const { clock, anaplan } = setup(START - 35 * DAY);
    const everVisible = new Set<string>();
    for (let i = 0; i < 6; i++) {
      for (const id of anaplan.idsVisible()) everVisible.add(id);
      await syncArchive({ archive, anaplan: anaplan.source, now: clock.now });
      clock.advance(9 * DAY);
    }
    const ids = await archivedIds(archive);
    assert.deepEqual(ids, [...everVisible].sort());
    const forgotten = ids.filter((id) => !anaplan.idsVisible().includes(id));
    assert.ok(forgotten.length > 1000, `archive holds ${forgotten.length} events the API no longer returns`);
  });

  it("records a gap when no sync ran for longer than the retention, and says so", async () => {
    const archive = await mkdtemp(join(tmpdir(), "sync-"));
    const { clock, anaplan } = setup();
    await syncArchive({ archive, anaplan: anaplan.source, now: clock.now });
    clock.advance(40 * DAY);
    const result = await syncArchive({ archive, anaplan: anaplan.source, now: clock.now });
    const gap = { from: new Date(START).toISOString(), to: new Date(START + 10 * DAY).toISOString() };
    assert.deepEqual(result.warnings, [
      `events: no sync ran while the API held ${gap.from} to ${gap.to}; those events are lost to the archive (Anaplan keeps 30 days: sync at least monthly).`,
    ]);
    const manifest = JSON.parse(await readFile(join(archive, "manifest.json"), "utf8"));
    assert.deepEqual(manifest.datasets.events.gaps, [gap]);
  });

  it("EPM: first sync takes each report's retention, the next from the watermark's day; identical rows stay", async () => {
    const archive = await mkdtemp(join(tmpdir(), "sync-"));
    const { clock, epm } = setup(START - 200 * DAY);
    const first = await syncArchive({ archive, epm: epm.source, now: clock.now });
    assert.deepEqual(Object.fromEntries(Object.entries(first.history).map(([k, v]) => [k, [v.from, v.to]])), {
      groupAssignmentAudit: ["2026-07-25", "2026-11-22"],
      roleAssignmentAudit: ["2026-08-24", "2026-11-22"],
      invalidLogins: ["2026-08-24", "2026-11-22"],
      userLogins: ["2026-07-25", "2026-11-22"],
    });
    clock.advance(DAY + HOUR);
    const second = await syncArchive({ archive, epm: epm.source, now: clock.now });
    assert.deepEqual(
      [second.history.invalidLogins?.from, second.history.invalidLogins?.to],
      ["2026-11-22", "2026-11-23"],
    );
    const logins = await (await readArchive(archive)).invalidLogins.collect();
    const truth = epm.rowsIn({ from: "2026-08-24", to: "2026-11-23" }, 999);
    assert.equal(logins.height, truth.length);
    assert.equal(
      second.history.invalidLogins?.added,
      truth.length - (first.history.invalidLogins?.added ?? 0),
    );
    assert.deepEqual(second.snapshots.userGroups, { snapshot: "2026-11-23", rows: 1 });
  });

  it("two syncs at once: one refuses with E_ARCHIVE_LOCKED and the archive equals one sync's", async () => {
    const archive = await mkdtemp(join(tmpdir(), "sync-"));
    const { clock, anaplan } = setup();
    const results = await Promise.allSettled([
      syncArchive({ archive, anaplan: anaplan.source, now: clock.now }),
      syncArchive({ archive, anaplan: anaplan.source, now: clock.now }),
    ]);
    // Either may take the lock first (both start in this process): exactly one must win.
    assert.deepEqual(results.map((r) => r.status).sort(), ["fulfilled", "rejected"]);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === "rejected")!;
    const reason = refused.reason as { code: string; message: string };
    assert.equal(reason.code, "E_ARCHIVE_LOCKED");
    assert.match(
      reason.message,
      new RegExp(`^Archive is locked by another sync \\(process ${process.pid} on host `),
    );
    assert.deepEqual(await archivedIds(archive), anaplan.idsVisible().sort());
  });

  it("removes temporary files a killed sync left, and reports them", async () => {
    const archive = await mkdtemp(join(tmpdir(), "sync-"));
    const { clock, anaplan } = setup();
    const dir = join(archive, "anaplan/events/date=2026-11-01");
    await mkdir(dir, { recursive: true });
    const stray = join(dir, ".part-00000.parquet.tmp-99999-0badc0de");
    await writeFile(stray, "half a file");
    const result = await syncArchive({ archive, anaplan: anaplan.source, now: clock.now });
    assert.deepEqual(result.removedTempFiles, [stray]);
    assert.deepEqual(await readdir(dir), ["part-00000.parquet"]);
  });

  it("refuses to add data from another source than the archive's, naming both", async () => {
    const archive = await mkdtemp(join(tmpdir(), "sync-"));
    const { clock, anaplan } = setup();
    await syncArchive({
      archive,
      anaplan: anaplan.source,
      now: clock.now,
      origin: { anaplan: "simulator (seed 1)" },
    });
    await assert.rejects(
      syncArchive({
        archive,
        anaplan: anaplan.source,
        now: clock.now,
        origin: { anaplan: "https://audit.anaplan.com/audit/api/1" },
      }),
      {
        code: "E_ARCHIVE_SOURCE",
        message: `This archive holds Anaplan data from simulator (seed 1), not from https://audit.anaplan.com/audit/api/1 (${join(archive, "manifest.json")}). Sync each source into its own --archive folder; or, if https://audit.anaplan.com/audit/api/1 is the right source for this archive (the same tenant at a new address, or the recorded one was a mistake), run again with --change-source (syncArchive option changeSource: true).`,
      },
    );
    const again = await syncArchive({
      archive,
      anaplan: anaplan.source,
      now: clock.now,
      origin: { anaplan: "simulator (seed 1)" },
    });
    assert.equal(again.history.events?.added, 0);
  });

  it("EPM: a report whose retention passed between syncs gets a gap; longer-kept reports do not", async () => {
    const archive = await mkdtemp(join(tmpdir(), "sync-"));
    const { clock, epm } = setup(START - 10 * DAY);
    await syncArchive({ archive, epm: epm.source, now: clock.now, since: START - 2 * DAY });
    clock.advance(100 * DAY);
    const result = await syncArchive({ archive, epm: epm.source, now: clock.now });
    assert.deepEqual(result.warnings, [
      "roleAssignmentAudit: no sync ran while EPM held 2026-11-22 to 2026-12-01; those rows are lost to the archive (this report keeps 90 days).",
      "invalidLogins: no sync ran while EPM held 2026-11-22 to 2026-12-01; those rows are lost to the archive (this report keeps 90 days).",
    ]);
    const manifest = JSON.parse(await readFile(join(archive, "manifest.json"), "utf8"));
    assert.deepEqual(manifest.datasets.invalidLogins.gaps, [
      { from: new Date(START).toISOString(), to: "2026-12-02T00:00:00.000Z" },
    ]);
    assert.equal(manifest.datasets.userLogins.gaps, undefined);
    assert.deepEqual(
      [result.history.userLogins?.from, result.history.invalidLogins?.from],
      ["2026-11-22", "2026-12-02"],
    );
  });
});
