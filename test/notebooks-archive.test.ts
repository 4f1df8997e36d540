/**
 * Notebooks over the Parquet archive (issue 6, item 3): `KIT_ARCHIVE` makes openAuditRun — and
 * so every notebook and `npm run report --archive` — read history that the APIs no longer
 * return. Real parts: the simulator, syncArchive over HTTP, Parquet files, Jupyter + tslab.
 */
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import pl from "nodejs-polars";
import { AnaplanClient } from "../src/anaplan/anaplan-client.js";
import { ACCESS_CHANGE_CODES, PRIVILEGED_EVENT_COLUMNS } from "../src/archive/archive-summary-plans.js";
import { readArchive } from "../src/archive/read-archive.js";
import { syncArchive } from "../src/archive/sync-archive.js";
import { openAuditRun } from "../src/cli/audit-run.js";
import { hasJupyter, jupyterPython, runNotebook } from "../src/cli/run-notebook.js";
import { provenanceWarnings } from "../src/display/provenance.js";
import { EpmClient } from "../src/epm/epm-client.js";
import { anaplanAccessChanges } from "../src/frames/anaplan-access-changes.js";
import { privilegedEvents } from "../src/frames/privileged-events.js";
import { withEventNames } from "../src/frames/with-event-names.js";
import { withUsers } from "../src/frames/with-users.js";
import { type Simulator, startSimulator } from "../src/simulator/start-simulator.js";

const DAY = 86_400_000;
const quiet = { warn: () => undefined };
const WINDOW = { KIT_FROM: "2026-09-20", KIT_TO: "2026-10-31" }; // 42 days: more than Anaplan keeps
const repo = resolve(import.meta.dirname, "..");
let sim: Simulator;
let archive = "";
let out = "";

before(async () => {
  sim = await startSimulator({
    port: 0,
    seed: 5,
    clock: { start: "2026-10-15T12:00:00Z", frozen: true },
    anaplan: { eventsPerDay: 200 },
  });
  const anaplan = new AnaplanClient({ ...sim.anaplan.clientOptions, log: quiet });
  const epm = new EpmClient({ ...sim.epm.clientOptions, pollIntervalMs: 5, log: quiet });
  archive = await mkdtemp(join(tmpdir(), "kit-archive-nb-"));
  out = await mkdtemp(join(tmpdir(), "kit-archive-out-"));
  await syncArchive({ archive, anaplan, epm, now: () => sim.clock.now() });
  sim.clock.advance(20 * DAY);
  await syncArchive({ archive, anaplan, epm, now: () => sim.clock.now() });
  await Promise.all([anaplan.close(), epm.close()]);
});
after(async () => {
  await sim.close();
  await rm(archive, { recursive: true, force: true });
  await rm(out, { recursive: true, force: true });
});

describe("openAuditRun with KIT_ARCHIVE", () => {
  it("reads the window from the archive, including events the API no longer returns", async () => {
    const run = await openAuditRun({ KIT_ARCHIVE: archive, KIT_OUT: out, ...WINDOW });
    try {
      assert.equal(run.source, "archive");
      assert.match(
        run.description,
        /^Data: the Parquet archive at .+ \(Anaplan events synced up to 2026-11-04/,
      );
      assert.equal(run.anaplan, undefined);
      const events = await run.anaplanEvents();
      const expected = await (
        await readArchive(archive, { from: "2026-09-20", to: "2026-10-31" })
      ).events.collect();
      assert.deepEqual(events.getColumn("id").toArray(), expected.getColumn("id").toArray());
      const ids = new Set(events.getColumn("id").toArray() as string[]);
      // Events older than the API's 30 days, as of the simulator's now, are still there.
      const gone = sim.anaplan.eventIds({ from: Date.parse("2026-09-20"), to: Date.parse("2026-10-05") });
      assert.equal(gone.length, 0, "the API no longer returns them");
      const firstDays = (events.getColumn("eventDate").toArray() as unknown as Date[]).filter(
        (d) => d < new Date("2026-10-05"),
      );
      assert.ok(firstDays.length > 1000, `archived events before 2026-10-05: ${firstDays.length}`);
      const dates = events.getColumn("eventDate").toArray() as unknown as Date[];
      assert.ok(dates.every((d) => d >= new Date("2026-09-20") && d < new Date("2026-11-01")));
      assert.equal(ids.size, events.height);
      const users = await run.anaplanUsers();
      assert.ok(users.height > 200);
      const epm = await run.epmReports(["invalidLogins", "userGroups"]);
      assert.ok(epm.invalidLogins.height > 0 && epm.userGroups.height > 0);
    } finally {
      await run.close();
    }
  });

  it("states the archive as the source and which days of the window it holds, warning for the rest", async () => {
    const run = await openAuditRun({
      KIT_ARCHIVE: archive,
      KIT_OUT: out,
      KIT_FROM: "2026-09-01",
      KIT_TO: "2026-10-31",
    });
    try {
      const events = await run.anaplanEvents();
      const users = await run.anaplanUsers();
      const epm = await run.epmReports(["userLogins"]);
      const p = run.provenance();
      const host = `archive ${resolve(archive)}`;
      // The first sync (2026-10-15T12:00) fetched the 30 days Anaplan held: from 2026-09-15T12:00,
      // so the first whole day archived is 2026-09-16.
      assert.deepEqual(p.sources, [
        {
          key: "anaplanEvents",
          label: "Anaplan audit events",
          host,
          status: "partial",
          covered: { from: "2026-09-16", to: "2026-10-31" },
          gaps: [],
          reason: "archived 2026-09-16 → 2026-11-03",
          rows: events.height,
        },
        {
          key: "anaplanUsers",
          label: "Anaplan users",
          host,
          status: "snapshot",
          covered: null,
          reason: "snapshot nearest 2026-10-31",
          rows: users.height,
        },
        {
          key: "userLogins",
          label: "Oracle EPM User Login report",
          host,
          status: "complete",
          covered: { from: "2026-09-01", to: "2026-10-31" },
          gaps: [],
          reason: undefined,
          rows: epm.userLogins.height,
        },
      ]);
      assert.deepEqual(provenanceWarnings(p), [
        "Anaplan audit events cover only 2026-09-16 → 2026-10-31 of the requested window: 2026-09-01 → 2026-09-15 (15 days, UTC) is missing (archived 2026-09-16 → 2026-11-03). Results for those days are incomplete.",
      ]);
      assert.deepEqual(run.coveredWindow("anaplanEvents"), {
        from: new Date("2026-09-16T00:00:00Z"),
        to: new Date("2026-11-01T00:00:00Z"),
      });
    } finally {
      await run.close();
    }
  });

  it("names a folder that is not an archive", async () => {
    await assert.rejects(openAuditRun({ KIT_ARCHIVE: join(out, "nope"), ...WINDOW }), {
      code: "E_ARCHIVE_MISSING",
    });
  });
});

describe("a notebook over the archive", {
  skip: !hasJupyter(jupyterPython(process.env)) && "Jupyter missing",
}, () => {
  /** Runs a shipped notebook over the archive (no live credentials in its environment); its HTML. */
  async function reportOverArchive(name: string, outDir: string): Promise<string> {
    assert.ok(
      hasJupyter(jupyterPython(process.env)),
      "Jupyter is needed: see README (Debian's jupyter-nbconvert …)",
    );
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => !/^(ANAPLAN|EPM|KIT)_/.test(k) || k === "KIT_PYTHON"),
    );
    const report = await runNotebook({
      notebook: join(repo, "notebooks", `${name}.ipynb`),
      outDir,
      env: { ...env, KIT_ARCHIVE: archive },
      window: { from: WINDOW.KIT_FROM, to: WINDOW.KIT_TO },
    });
    return readFile(report.html, "utf8");
  }

  it("access-review runs on 42 days of archived history and says so", async () => {
    const html = await reportOverArchive("access-review", out);
    assert.match(html, /Data: the Parquet archive at/);
    assert.match(html, /Window: 2026-09-20 → 2026-10-31/);
    // Provenance: every source is the archive, and it holds every day of the window.
    const hosts = [...html.matchAll(/<td class="kit-host">([^<]*)<\/td>/g)].map((m) => m[1]);
    // Seven sources of the review, and the Invalid Login report its Findings section reads.
    assert.equal(hosts.length, 8);
    assert.ok(
      hosts.every((h) => h === `archive ${resolve(archive)}`),
      hosts.join(", "),
    );
    assert.match(html, /requested window <b>2026-09-20 → 2026-10-31 \(42 days, UTC\)<\/b>/);
    assert.doesNotMatch(html, /role="alert"/);
    assert.ok((html.match(/<tbody><tr><td/g) ?? []).length >= 3, "tables with rows");
  });

  // anaplan-audit reads the archive through run.archiveSummary() (aggregates, privileged rows as
  // a lazy plan), not the events: its saved tables must be what the frame helpers give on the
  // archived events themselves.
  it("anaplan-audit reads the archive's summary and saves what the frame helpers give on the events", async () => {
    const reportOut = join(out, "anaplan-audit");
    const html = await reportOverArchive("anaplan-audit", reportOut);
    assert.match(html, /Data: the Parquet archive at/);

    const run = await openAuditRun({ KIT_ARCHIVE: archive, ...WINDOW });
    try {
      const events = await run.anaplanEvents();
      const users = await run.anaplanUsers();
      const period = run.parameters.window;
      const privilegedRows = events.filter(pl.col("eventTypeId").isIn([...ACCESS_CHANGE_CODES]));
      const expected: Record<string, pl.DataFrame> = {
        "anaplan-events-by-type": withEventNames(
          events
            .groupBy("eventTypeId")
            .agg(pl.len().cast(pl.UInt32).alias("events"))
            .sort(["events", "eventTypeId"], [true, false]),
        ),
        // The summary's 7 columns (the events' path would save all of them): proof it was read.
        "anaplan-privileged-events": withEventNames(
          privilegedEvents(withUsers(privilegedRows.select(...PRIVILEGED_EVENT_COLUMNS), users)),
        ),
        "anaplan-access-changes": anaplanAccessChanges(events, users, { window: period }),
      };
      for (const [name, frame] of Object.entries(expected)) {
        assert.ok(frame.height > 0, `${name}: the archive has such rows`);
        const saved = await readFile(join(reportOut, `${name}.csv`), "utf8");
        assert.equal(saved, frame.writeCSV().toString(), `${name}.csv`);
      }
      // The tables show their first rows and count all of them.
      const shape = (name: string, columns: number) =>
        `${expected[name]!.height.toLocaleString("en-US")} rows × ${columns} columns`;
      assert.ok(html.includes(shape("anaplan-privileged-events", 6)), shape("anaplan-privileged-events", 6));
      assert.ok(html.includes(shape("anaplan-access-changes", 7)), shape("anaplan-access-changes", 7));
    } finally {
      await run.close();
    }
  });
});
