import assert from "node:assert/strict";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import pl from "nodejs-polars";
import { AnaplanClient } from "../src/anaplan/anaplan-client.js";
import { readArchive } from "../src/archive/read-archive.js";
import { syncArchive } from "../src/archive/sync-archive.js";
import { EpmClient } from "../src/epm/epm-client.js";
import { type Simulator, startSimulator } from "../src/simulator/start-simulator.js";

// The archive against the simulator over real HTTP, its clock moved across more than the
// 30-day retention with syncs in between: the archive must hold exactly every event and report
// row the APIs ever returned, including what they have since forgotten.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.parse("2026-09-01T06:00:00Z");

const quiet = { warn: () => undefined, debug: () => undefined };
let sim: Simulator;
let anaplan: AnaplanClient;
let epm: EpmClient;
let archive = "";
/** id → "eventDate|userId|eventTypeId" of every event the API returned at some sync. */
const everVisible = new Map<string, string>();
/** Invalid-login rows ever returned, as multiset counts of their JSON. */
const everInvalid = new Map<string, number>();
const added: number[] = [];

const key = (row: { eventDate: number | Date; userId: unknown; eventTypeId: unknown }) =>
  `${new Date(row.eventDate).toISOString()}|${String(row.userId)}|${String(row.eventTypeId)}`;

function rememberGroundTruth(): void {
  for (const e of sim.anaplan.events()) everVisible.set(e.id, key(e));
  const now = sim.clock.now();
  const range = {
    from: new Date(now - 90 * DAY).toISOString().slice(0, 10),
    to: new Date(now).toISOString().slice(0, 10),
  };
  const counts = new Map<string, number>();
  for (const row of sim.epm.expectedRows("invalidLogins", range)) {
    const text = JSON.stringify(row);
    counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  for (const [text, n] of counts) everInvalid.set(text, Math.max(n, everInvalid.get(text) ?? 0));
}

describe("syncArchive against the simulator across more than 30 days", () => {
  before(async () => {
    sim = await startSimulator({
      port: 0,
      seed: 11,
      clock: { start: T0, frozen: true },
      anaplan: { eventsPerDay: 300 },
    });
    anaplan = new AnaplanClient({ ...sim.anaplan.clientOptions, log: quiet });
    epm = new EpmClient({ ...sim.epm.clientOptions, pollIntervalMs: 5, log: quiet });
    archive = await mkdtemp(join(tmpdir(), "archive-sim-"));
    for (let i = 0; i < 6; i++) {
      rememberGroundTruth();
      const result = await syncArchive({ archive, anaplan, epm, now: () => sim.clock.now() });
      added.push(result.history.events?.added ?? -1);
      sim.clock.advance(7 * DAY + 5 * HOUR);
    }
  });
  after(async () => {
    await anaplan.close();
    await epm.close();
    await sim.close();
  });

  it("holds exactly the union of every event the API ever returned, with their dates and users", async () => {
    const events = await (await readArchive(archive)).events
      .select("id", "eventDate", "userId", "eventTypeId")
      .collect();
    const archived = new Map(
      events
        .toRecords()
        .map((r) => [
          String(r.id),
          key(r as unknown as { eventDate: Date; userId: unknown; eventTypeId: unknown }),
        ]),
    );
    assert.equal(archived.size, events.height, "no duplicate ids");
    assert.deepEqual([...archived.keys()].sort(), [...everVisible.keys()].sort());
    assert.deepEqual(
      [...archived].filter(([id, k]) => everVisible.get(id) !== k),
      [],
    );
  });

  it("keeps what the API has forgotten, and each sync after the first added only new events", async () => {
    const now = new Set(sim.anaplan.eventIds());
    const forgotten = [...everVisible.keys()].filter((id) => !now.has(id));
    assert.ok(forgotten.length > 5000, `${forgotten.length} archived events are past the API's 30 days`);
    const total = (await (await readArchive(archive)).events.collect()).height;
    assert.equal(
      added.reduce((a, b) => a + b, 0),
      total,
    );
  });

  it("holds every EPM invalid-login row ever returned, as often as the report listed it", async () => {
    const rows = (await (await readArchive(archive)).invalidLogins.collect()).toRecords();
    const counts = new Map<string, number>();
    for (const row of rows) {
      const text = JSON.stringify(row);
      counts.set(text, (counts.get(text) ?? 0) + 1);
    }
    assert.ok(rows.length > 100);
    assert.deepEqual([...counts].sort(), [...everInvalid].sort());
  });

  it("has a users snapshot per sync day and reads a month of history lazily", async () => {
    const frames = await readArchive(archive, { from: "2026-09-10", to: "2026-10-09" });
    const days = (await frames.snapshots.users.select("snapshot").unique().sort("snapshot").collect())
      .getColumn("snapshot")
      .cast(pl.String)
      .toArray();
    assert.deepEqual(days, ["2026-09-15", "2026-09-22", "2026-09-30", "2026-10-07"]);
    const month = await frames.events
      .select(pl.col("eventDate").min().alias("lo"), pl.col("eventDate").max().alias("hi"))
      .collect();
    assert.ok((month.getColumn("lo").toArray()[0] as unknown as Date) >= new Date("2026-09-10T00:00:00Z"));
    assert.ok((month.getColumn("hi").toArray()[0] as unknown as Date) < new Date("2026-10-10T00:00:00Z"));
  });
});
