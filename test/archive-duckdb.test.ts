import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { DuckDBInstance } from "@duckdb/node-api";
import pl from "nodejs-polars";
import { AnaplanClient } from "../src/anaplan/anaplan-client.js";
import { archiveSchemaDoc } from "../src/archive/archive-schema-doc.js";
import { readArchive } from "../src/archive/read-archive.js";
import { syncArchive } from "../src/archive/sync-archive.js";
import { ddlCommand } from "../src/cli/ddl-command.js";
import { EpmClient } from "../src/epm/epm-client.js";
import { type Simulator, startSimulator } from "../src/simulator/start-simulator.js";

// A real archive (synced from the simulator over HTTP) loaded into a real DuckDB with the DDL the
// command prints: DuckDB's aggregates must equal the kit's.

const quiet = { warn: () => undefined, debug: () => undefined };
const root = mkdtempSync(join(tmpdir(), "kit-duckdb-"));
const archive = join(root, "archive");
let sim: Simulator;

before(async () => {
  sim = await startSimulator({
    port: 0,
    seed: 8,
    clock: { start: Date.parse("2026-11-20T12:00:00Z"), frozen: true },
    anaplan: { users: 40, eventsPerDay: 200 },
  });
  const anaplan = new AnaplanClient({ ...sim.anaplan.clientOptions, log: quiet });
  const epm = new EpmClient({ ...sim.epm.clientOptions, pollIntervalMs: 2, log: quiet });
  try {
    await syncArchive({
      archive,
      anaplan,
      epm,
      now: () => sim.clock.now(),
      origin: { anaplan: "simulator (seed 8)", epm: "simulator (seed 8)" },
    });
  } finally {
    await Promise.all([anaplan.close(), epm.close()]);
  }
});
after(async () => {
  await sim.close();
  rmSync(root, { recursive: true, force: true });
});

async function duckdbWithDdl() {
  let sql = "";
  assert.equal(
    await ddlCommand(["--engine", "duckdb", "--archive", archive], { out: (t) => (sql += t), err: () => {} }),
    0,
  );
  const db = await DuckDBInstance.create(":memory:");
  const connection = await db.connect();
  await connection.run(sql);
  return connection;
}

const key = (r: Record<string, unknown>) => JSON.stringify(r);

describe("the archive in DuckDB through the printed DDL", () => {
  it("aggregates per day and event type (count, failures, distinct users) equal the kit's", async () => {
    const duck = await duckdbWithDdl();
    const reader = await duck.runAndReadAll(`
      SELECT strftime(date, '%Y-%m-%d') AS day, eventTypeId, count(*)::BIGINT AS events,
             count(*) FILTER (WHERE NOT success)::BIGINT AS failures, count(DISTINCT userId)::BIGINT AS users
      FROM anaplan_events GROUP BY ALL ORDER BY day, eventTypeId`);
    const fromDuck = reader
      .getRowObjects()
      .map((r) => ({ ...r, events: Number(r.events), failures: Number(r.failures), users: Number(r.users) }));
    const events = await (await readArchive(archive)).events.collect();
    const fromKit = events
      .withColumns(pl.col("eventDate").dt.strftime("%Y-%m-%d").alias("day"))
      .groupBy(["day", "eventTypeId"])
      .agg(
        pl.len().alias("events"),
        pl.col("success").not().sum().alias("failures"),
        pl.col("userId").nUnique().alias("users"),
      )
      .sort(["day", "eventTypeId"])
      .toRecords()
      .map((r) => ({
        day: r.day,
        eventTypeId: r.eventTypeId,
        events: Number(r.events),
        failures: Number(r.failures),
        users: Number(r.users),
      }));
    assert.ok(fromKit.length > 20);
    assert.deepEqual(fromDuck.map(key), fromKit.map(key));
  });

  it("every dataset's row count matches; times are UTC timestamps from INT64 MILLIS, ids text", async () => {
    const duck = await duckdbWithDdl();
    const frames = await readArchive(archive);
    const pairs: Array<[string, pl.LazyDataFrame]> = [
      ["anaplan_events", frames.events],
      ["epm_invalid_logins", frames.invalidLogins],
      ["epm_user_logins", frames.userLogins],
      ["epm_group_assignment_audit", frames.groupAssignmentAudit],
    ];
    for (const [table, lazy] of pairs) {
      const rows = (
        await duck.runAndReadAll(`SELECT count(*)::BIGINT AS n FROM ${table}`)
      ).getRowObjects()[0]!.n;
      assert.equal(Number(rows), (await lazy.collect()).height, table);
    }
    const types = (await duck.runAndReadAll("DESCRIBE anaplan_events")).getRowObjects();
    const typeOf = (name: string) => types.find((t) => t.column_name === name)?.column_type;
    assert.deepEqual(
      [typeOf("id"), typeOf("eventDate"), typeOf("success"), typeOf("date")],
      ["VARCHAR", "TIMESTAMP WITH TIME ZONE", "BOOLEAN", "DATE"],
    );
    const parquet = (
      await duck.runAndReadAll(
        `SELECT logical_type::VARCHAR AS t FROM parquet_schema('${archive}/anaplan/events/*/*.parquet') WHERE name = 'eventDate' LIMIT 1`,
      )
    ).getRowObjects()[0]!.t;
    assert.match(String(parquet), /TimestampType\(isAdjustedToUTC=1, unit=TimeUnit\(MILLIS/);
  });

  it("the committed schema document is the generated one", () => {
    assert.equal(
      readFileSync(new URL("../docs/archive-schema.md", import.meta.url), "utf8"),
      archiveSchemaDoc(),
    );
  });
});
