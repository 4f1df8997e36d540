/**
 * Archive benchmark: `node --import tsx bench/archive-sync.ts [--events 10000000] [--days 30]`
 *
 * Starts the simulator in this (parent) process with `--events` audit events over the 30-day
 * window, then, each in its own child process so the peak RSS is the sync's own:
 *   1. first sync into an empty archive (the whole window, day by day, through AnaplanClient);
 *   2. the next day's incremental sync (clock + 1 day: 2 h overlap plus a day of new events);
 *   3. a lazy query over the whole archive (events per day and type) and a one-week filter.
 * Reports wall time, peak RSS, rows, archive size and size per million events; writes
 * out/bench/archive-result.json. Not a test: nothing is asserted except that rows add up.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pl from "nodejs-polars";
import { AnaplanClient } from "../src/anaplan/anaplan-client.js";
import { readArchive } from "../src/archive/read-archive.js";
import { syncArchive } from "../src/archive/sync-archive.js";
import { startSimulator } from "../src/simulator/start-simulator.js";
import { ownPeakRss, runBenchChild } from "./child.js";
import { bytesText, describeMachine } from "./stats.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..");
const DAY = 86_400_000;
/** Frozen "now" of the first sync. */
const NOW = Date.parse("2026-11-01T06:00:00Z");

interface ChildTask {
  task: "sync" | "query";
  archive: string;
  now: number;
  anaplan?: { authUrl: string; auditUrl: string; apiUrl: string; email: string; password: string };
}

interface ChildResult {
  ms: number;
  cpuMs: number;
  peakRssBytes: number;
  rows: number;
  note: string;
}

async function child(task: ChildTask): Promise<Omit<ChildResult, "cpuMs" | "peakRssBytes">> {
  const t0 = performance.now();
  if (task.task === "sync") {
    const anaplan = new AnaplanClient({
      ...task.anaplan!,
      now: () => task.now,
      log: { warn: () => undefined },
    });
    try {
      const result = await syncArchive({ archive: task.archive, anaplan, now: () => task.now });
      const events = result.history.events!;
      return {
        ms: performance.now() - t0,
        rows: events.added,
        note: `fetched ${events.fetched}, added ${events.added}, users ${result.snapshots.users?.rows}`,
      };
    } finally {
      await anaplan.close();
    }
  }
  const all = await readArchive(task.archive);
  const perDay = await all.events
    .withColumns(pl.col("eventDate").dt.truncate("1d").alias("day"))
    .groupBy(["day", "eventTypeId"])
    .agg(pl.len().alias("n"))
    .collect();
  const total = Number(perDay.getColumn("n").sum());
  const tWeek = performance.now();
  const week = await readArchive(task.archive, { from: NOW - 10 * DAY, to: NOW - 3 * DAY });
  const logins = await week.events
    .filter(pl.col("eventTypeId").eq(pl.lit("USR-8")))
    .select(pl.len())
    .collect();
  return {
    ms: performance.now() - t0,
    rows: total,
    note: `group-by over all ${total} events; one-week filter: ${Number(logins.getColumn("len").get(0))} logins in ${((performance.now() - tWeek) / 1000).toFixed(2)} s`,
  };
}

function runChild(task: ChildTask): Promise<ChildResult> {
  return runBenchChild<ChildResult>(import.meta.url, "ARCHIVE_BENCH_TASK", task, task.task);
}

function sizeOf(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

async function parent(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      events: { type: "string", default: "10000000" },
      users: { type: "string", default: "20000" },
      keep: { type: "boolean", default: false },
      out: { type: "string", default: join(ROOT, "out", "bench", "archive-result.json") },
    },
  });
  const events = Number(args.events);
  const t0 = performance.now();
  const sim = await startSimulator({
    seed: 1,
    clock: { start: NOW, frozen: true },
    requestLogSize: 100,
    anaplan: { users: Number(args.users), eventsPerDay: Math.ceil(events / 30), cacheBytes: 256 * 2 ** 20 },
  });
  const served = sim.anaplan.countEvents();
  process.stdout.write(
    `simulator: ${served.toLocaleString("en")} events in the 30-day window, ready in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
  const archive = mkdtempSync(join(tmpdir(), "archive-bench-"));
  const anaplan = { ...sim.anaplan.urls, ...sim.anaplan.credentials };
  const phases: Record<string, ChildResult> = {};
  try {
    const report = (name: string, r: ChildResult) => {
      phases[name] = r;
      process.stdout.write(
        `${name.padEnd(12)} ${(r.ms / 1000).toFixed(1).padStart(7)} s  cpu ${(r.cpuMs / 1000).toFixed(1).padStart(6)} s  peak RSS ${bytesText(r.peakRssBytes).padStart(9)}  (${r.note})\n`,
      );
    };
    report("first sync", await runChild({ task: "sync", archive, now: NOW, anaplan }));
    const eventsBytes = sizeOf(join(archive, "anaplan", "events"));
    const firstRows = phases["first sync"]!.rows;
    sim.clock.set(NOW + DAY);
    report("next day", await runChild({ task: "sync", archive, now: NOW + DAY, anaplan }));
    report("query", await runChild({ task: "query", archive, now: NOW + DAY }));
    const perMillion = eventsBytes / (firstRows / 1e6);
    const machine = describeMachine();
    const lines = [
      "",
      `machine: ${machine.cores} cores (${machine.cpuModel}), ${bytesText(machine.memoryBytes)} RAM, Node ${machine.node}, nodejs-polars ${machine.nodejsPolars}`,
      `archive after the first sync: ${firstRows.toLocaleString("en")} events, ${bytesText(eventsBytes)} of Parquet (zstd) in ${readdirSync(join(archive, "anaplan", "events")).length} day partitions`,
      `archive size per million events: ${bytesText(perMillion)}`,
      `whole archive after the next day: ${bytesText(sizeOf(archive))}`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
    const result = {
      events,
      served,
      machine,
      phases,
      eventsBytes,
      bytesPerMillionEvents: Math.round(perMillion),
    };
    mkdirSync(dirname(args.out), { recursive: true });
    writeFileSync(args.out, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`wrote ${args.out}${args.keep ? `; archive kept at ${archive}` : ""}\n`);
  } finally {
    await sim.close();
    if (!args.keep) rmSync(archive, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!process.argv.includes("--child")) return parent();
  const task = JSON.parse(process.env.ARCHIVE_BENCH_TASK ?? "") as ChildTask;
  const cpu0 = process.cpuUsage();
  const result = await child(task);
  const cpu = process.cpuUsage(cpu0);
  const out: ChildResult = {
    ...result,
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    peakRssBytes: ownPeakRss(),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
