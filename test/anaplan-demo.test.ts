import assert from "node:assert/strict";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import pl from "nodejs-polars";
import { runAnaplanDemo } from "../src/cli/demo-anaplan.js";
import { Harness, startSmallSimulator } from "./anaplan-helpers.js";

let h: Harness;
let dir: string;
before(async () => {
  h = new Harness(await startSmallSimulator());
  dir = await mkdtemp(join(tmpdir(), "anaplan-demo-"));
});
after(async () => {
  await h.close();
  await rm(dir, { recursive: true, force: true });
});

describe("runAnaplanDemo", () => {
  it("fetches, joins, summarises and writes Parquet and CSV matching the ground truth", async () => {
    const lines: string[] = [];
    const result = await runAnaplanDemo(
      { outDir: dir, print: (l) => lines.push(l), sim: h.sim, days: 14 },
      h.sim.anaplan.clientOptions,
    );
    const truth = h.truth(14);
    const users = h.sim.anaplan.users();
    assert.equal(result.events, truth.length);
    assert.equal(result.users, users.length);
    assert.deepEqual((await readdir(dir)).sort(), [
      "anaplan-events-with-users.csv",
      "anaplan-events-with-users.parquet",
      "anaplan-events.parquet",
      "anaplan-users.parquet",
    ]);
    const events = pl.readParquet(join(dir, "anaplan-events.parquet"));
    assert.deepEqual(events.getColumn("id").toArray(), truth);
    assert.equal(String(events.schema.eventDate), "DataType(Datetime(ms,UTC))");
    const joined = pl.readParquet(join(dir, "anaplan-events-with-users.parquet"));
    assert.deepEqual(joined.columns.slice(-3), ["firstName", "lastName", "email"]);
    assert.equal(joined.height, truth.length);
    const csv = pl.readCSV(join(dir, "anaplan-events-with-users.csv"), { inferSchemaLength: 0 });
    assert.equal(csv.height, truth.length);
    assert.deepEqual(csv.getColumn("id").toArray(), truth);
    const failed = h.sim.anaplan
      .events({ from: h.sim.clock.now() - 14 * 86_400_000, to: h.sim.clock.now() })
      .filter((e) => e.eventTypeId === "USR-9").length;
    assert.equal(result.failedLogins, failed);
    assert.match(
      lines[0]!,
      new RegExp(`^Anaplan: ${truth.length} audit events and ${users.length} users fetched in`),
    );
    assert.ok(lines.includes(`  failed logins (USR-9): ${failed}`));
    assert.match(
      lines.join("\n"),
      /events from 2026-11-06T12:\d\d:\d\d\.\d{3}Z to 2026-11-20T1\d:\d\d:\d\d\.\d{3}Z/,
    );
    assert.match(lines.join("\n"), /top event types:\n {4}USR-8 +\d+/);
  });
});
