/**
 * A year in bounded memory (issue 16, item 2): `npm run bench:year [-- --events 1000000] [--rounds 3]`
 *
 * 1. Builds (or reuses, cached under out/bench/) an archive of `--events` Anaplan events over 365
 *    UTC days in the kit's exact layout, with a valid manifest and checksums
 *    (bench/year-archive.ts: written directly with the kit's writer and manifest functions; a
 *    sync over HTTP would take ~15 min for 50M events).
 * 2. Then, alternating over `--rounds`, each in its own child process (so the peak RSS,
 *    `process.resourceUsage().maxRSS`, is the run's own):
 *    (k) the kit's year report: `archiveSummary(dir, { from, to })`: SHA-256 check of every
 *        file of the window (streamed), then the aggregates as lazy plans, small results collected;
 *    (d) DuckDB (@duckdb/node-api) answering the same aggregations over the same Parquet files
 *        (`read_parquet(..., hive_partitioning = true)`, the window as a filter on the `date`
 *        key and on eventDate), each result read whole into DuckDB's result chunks.
 * 3. Checks that both give the same numbers (totals, every day's counts, events by type, the
 *    most active users, sign-ins, privileged rows, active users per month), prints times, peak
 *    RSS and the ratio k/d (medians), and writes out/bench/year-result.json.
 *
 * DuckDB does not check the files' checksums; the kit does (the archive's integrity guarantee),
 * so its time is shown with and without that step. Not a test: nothing is asserted but the
 * agreement of the two.
 */

import { deepStrictEqual } from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ownPeakRss, runBenchChild } from "./child.js";
import { bytesText, describeMachine, median } from "./stats.js";
import { yearArchive } from "./year-archive.js";
import { type YearChecks, yearReportDuckdb, yearReportKit } from "./year-report-tasks.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..");
const FIRST_DAY = "2025-12-01";

interface ChildTask {
  engine: "kit" | "duckdb";
  dir: string;
  from: string;
  to: string;
}

interface ChildResult {
  ms: number;
  cpuMs: number;
  peakRssBytes: number;
  /** Kit only: the SHA-256 check and opening of the window's files. */
  openMs?: number;
  timings: Record<string, number>;
  checks: YearChecks;
}

function runChild(task: ChildTask): Promise<ChildResult> {
  return runBenchChild<ChildResult>(import.meta.url, "YEAR_BENCH_TASK", task, task.engine);
}

async function parent(): Promise<void> {
  const { values: args } = parseArgs({
    options: {
      events: { type: "string", default: "50000000" },
      days: { type: "string", default: "365" },
      rounds: { type: "string", default: "3" },
      out: { type: "string", default: join(ROOT, "out", "bench", "year-result.json") },
    },
  });
  const days = Number(args.days);
  const spec = { events: Number(args.events), days, first: FIRST_DAY, people: 20_000, seed: 1 };
  const print = (line: string) => process.stdout.write(`${line}\n`);
  print(`archive: ${spec.events.toLocaleString("en")} events over ${days} UTC days from ${FIRST_DAY}`);
  const archive = await yearArchive(join(ROOT, "out", "bench"), spec, print);
  print(
    archive.generatedMs === undefined
      ? `  reused ${archive.dir} (${archive.rows.toLocaleString("en")} events)`
      : `  generated ${archive.dir} in ${(archive.generatedMs / 1000).toFixed(0)} s (${archive.rows.toLocaleString("en")} events)`,
  );
  const to = new Date(Date.parse(`${FIRST_DAY}T00:00:00Z`) + (days - 1) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const task = { dir: resolve(archive.dir), from: FIRST_DAY, to };
  const runs: Record<"kit" | "duckdb", ChildResult[]> = { kit: [], duckdb: [] };
  const load: number[] = [];
  for (let round = 1; round <= Number(args.rounds); round++) {
    for (const engine of round % 2 ? (["kit", "duckdb"] as const) : (["duckdb", "kit"] as const)) {
      const r = await runChild({ ...task, engine });
      runs[engine].push(r);
      load.push(loadavg()[0]!);
      const open = r.openMs === undefined ? "" : ` (checksums + open ${(r.openMs / 1000).toFixed(1)} s)`;
      print(
        `round ${round} ${engine.padEnd(6)} ${(r.ms / 1000).toFixed(1).padStart(6)} s${open}  cpu ${(r.cpuMs / 1000).toFixed(1)} s  peak RSS ${bytesText(r.peakRssBytes)} (${(r.peakRssBytes / 2 ** 30).toFixed(2)} GiB)  load ${loadavg()[0]!.toFixed(2)}`,
      );
    }
  }
  const k = runs.kit[0]!.checks;
  const d = runs.duckdb[0]!.checks;
  let agree = "yes";
  try {
    deepStrictEqual(k, d);
  } catch (error) {
    agree = `NO: ${(error as Error).message.slice(0, 2000)}`;
  }
  const m = (rs: ChildResult[], f: (r: ChildResult) => number) => median(rs.map(f));
  const kitMs = m(runs.kit, (r) => r.ms);
  const kitQueryMs = m(runs.kit, (r) => r.ms - (r.openMs ?? 0));
  const duckMs = m(runs.duckdb, (r) => r.ms);
  const kitRss = Math.max(...runs.kit.map((r) => r.peakRssBytes));
  const duckRss = Math.max(...runs.duckdb.map((r) => r.peakRssBytes));
  const machine = describeMachine();
  const summary = {
    events: archive.rows,
    days,
    window: { from: task.from, to: task.to },
    rounds: Number(args.rounds),
    kit: {
      medianMs: Math.round(kitMs),
      medianMsWithoutChecksums: Math.round(kitQueryMs),
      maxPeakRssBytes: kitRss,
    },
    duckdb: { medianMs: Math.round(duckMs), maxPeakRssBytes: duckRss },
    ratio: kitMs / duckMs,
    ratioWithoutChecksums: kitQueryMs / duckMs,
    under2GiB: kitRss < 2 ** 31,
    within1_5x: kitMs / duckMs <= 1.5,
    sameNumbers: agree === "yes",
    loadAverage: { min: Math.min(...load), max: Math.max(...load) },
    machine,
    checks: k,
    runs,
  };
  print("");
  print(`same numbers (kit and DuckDB): ${agree}`);
  print(
    `totals: ${k.totals.events.toLocaleString("en")} events, ${k.totals.failures.toLocaleString("en")} failed, ${k.totals.users} users; ${k.privilegedRows.toLocaleString("en")} privileged rows`,
  );
  print(
    `kit    median ${(kitMs / 1000).toFixed(1)} s (${(kitQueryMs / 1000).toFixed(1)} s without the SHA-256 check), peak RSS ${bytesText(kitRss)} = ${(kitRss / 2 ** 30).toFixed(2)} GiB: ${summary.under2GiB ? "under" : "NOT under"} 2 GiB`,
  );
  print(
    `duckdb median ${(duckMs / 1000).toFixed(1)} s, peak RSS ${bytesText(duckRss)} = ${(duckRss / 2 ** 30).toFixed(2)} GiB`,
  );
  print(
    `ratio k/d ${summary.ratio.toFixed(2)} (${summary.ratioWithoutChecksums.toFixed(2)} without the checksum step): ${summary.within1_5x ? "within" : "NOT within"} 1.5x of DuckDB`,
  );
  print(
    `load average (1 min) during the runs: ${summary.loadAverage.min.toFixed(2)}–${summary.loadAverage.max.toFixed(2)}; ${machine.cores} cores`,
  );
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, `${JSON.stringify(summary, null, 2)}\n`);
  print(`wrote ${args.out}`);
}

async function main(): Promise<void> {
  if (!process.argv.includes("--child")) return parent();
  const task = JSON.parse(process.env.YEAR_BENCH_TASK ?? "") as ChildTask;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = task.engine === "kit" ? await yearReportKit(task) : await yearReportDuckdb(task);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const out: ChildResult = {
    ...result,
    ms,
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    peakRssBytes: ownPeakRss(),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
