/**
 * `npm run bench [-- --events 100000 --rounds 3 --concurrency 4 --contenders a,b,c]`
 *
 * Starts the simulator in this (parent) process with the scale scenario, then runs each
 * contender in its own child process, alternating them round after round, and reports median
 * wall time and peak RSS, the ratios c/a, b/c and s/c, and the machine. Writes
 * out/bench/result.json.
 *
 * Contender (s) is the kit's backfill: `syncArchive` of the same window into an empty archive.
 * Its time is the events backfill (the comparison of issue 16, item 1: s/c <= 1.5); the whole
 * sync, users and entitlement snapshots included, is printed beside it.
 * `npm run bench -- --events 1000000 --contenders c,s`
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { startSimulator } from "../src/simulator/start-simulator.js";
import { runBenchChild } from "./child.js";
import { BENCH_NOW, type ContenderResult, type Scenario } from "./scenario.js";
import { bytesText, describeMachine, median } from "./stats.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..");
const LABELS: Record<string, string> = {
  a: "(a) undici + JSON.parse (the JavaScript bound)",
  b: "(b) naive port: JSON.parse + pl.DataFrame(rows) + join",
  c: "(c) kit: getEvents + listUsers + withUsers + groupBy",
  dl: "(dl) download only, no parsing (simulator gauge)",
  s: "(s) kit: syncArchive events backfill into an empty archive",
};

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "1000000" },
    users: { type: "string", default: "20000" },
    days: { type: "string", default: "30" },
    "page-size": { type: "string", default: "10000" },
    concurrency: { type: "string", default: "4" },
    rounds: { type: "string", default: "3" },
    contenders: { type: "string", default: "a,b,c" },
    out: { type: "string", default: join(ROOT, "out", "bench", "result.json") },
    /** Extra Node options for the children, e.g. "--cpu-prof --cpu-prof-dir=out/bench/prof". */
    "child-args": { type: "string", default: "" },
  },
});

interface Run extends ContenderResult {
  contender: string;
  round: number;
  /** CPU time of this (simulator) process while the child ran, ms. */
  simulatorCpuMs: number;
}

async function main(): Promise<void> {
  const events = Number(args.events);
  const days = Number(args.days);
  const contenders = args.contenders.split(",").filter(Boolean);
  const rounds = Number(args.rounds);
  const machine = describeMachine();
  const loadAtStart = loadavg().map((x) => Math.round(x * 100) / 100);

  const t0 = performance.now();
  const sim = await startSimulator({
    seed: 1,
    clock: { start: BENCH_NOW, frozen: true },
    requestLogSize: 100,
    anaplan: {
      users: Number(args.users),
      eventsPerDay: Math.ceil(events / days),
      cacheBytes: Math.max(768 * 2 ** 20, events * 1000),
      cacheEvents: Math.max(4_000_000, events * 2),
    },
  });
  sim.anaplan.warm();
  const served = sim.anaplan.countEvents();
  const listedUsers = sim.anaplan.users().length;
  process.stdout.write(
    `simulator: ${served.toLocaleString("en")} events over ${days} days, ${listedUsers.toLocaleString("en")} users, ` +
      `${bytesText(sim.anaplan.cachedBytes)} pre-serialised, ready in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
  );
  const scenario: Scenario = {
    events,
    users: Number(args.users),
    days,
    pageSize: Number(args["page-size"]),
    concurrency: Number(args.concurrency),
    now: BENCH_NOW,
    ...sim.anaplan.urls,
    ...sim.anaplan.credentials,
  };

  const runs: Run[] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      const order = contenders.map((_, i) => contenders[(i + round - 1) % contenders.length]!);
      for (const contender of order) {
        // The simulator runs in this process: its CPU during the child's run shares the cores.
        const simCpu0 = process.cpuUsage();
        const result = await runChild(contender, scenario);
        const simCpu = process.cpuUsage(simCpu0);
        runs.push({
          contender,
          round,
          ...result,
          simulatorCpuMs: Math.round((simCpu.user + simCpu.system) / 1000),
        });
        process.stdout.write(
          `round ${round} ${contender.padEnd(2)} ${(result.ms / 1000).toFixed(2).padStart(7)} s  cpu ${((result.cpuMs ?? 0) / 1000).toFixed(2).padStart(6)} s (sys ${((result.sysMs ?? 0) / 1000).toFixed(2)}, ${Math.round((result.minorFaults ?? 0) / 1000)}k faults)  peak RSS ${bytesText(result.peakRssBytes).padStart(9)}  rows ${result.rows.toLocaleString("en")}${result.note ? `  (${result.note})` : ""}\n`,
        );
      }
    }
  } finally {
    await sim.close();
  }

  const medianMs: Record<string, number> = {};
  const medianCpuMs: Record<string, number> = {};
  const peakRssBytes: Record<string, number> = {};
  const medianSimulatorCpuMs: Record<string, number> = {};
  const medianSysMs: Record<string, number> = {};
  const medianMinorFaults: Record<string, number> = {};
  const medianTotalMs: Record<string, number> = {};
  for (const c of contenders) {
    const mine = runs.filter((r) => r.contender === c);
    medianMs[c] = Math.round(median(mine.map((r) => r.ms)));
    medianCpuMs[c] = Math.round(median(mine.map((r) => r.cpuMs ?? 0)));
    medianSysMs[c] = Math.round(median(mine.map((r) => r.sysMs ?? 0)));
    medianMinorFaults[c] = Math.round(median(mine.map((r) => r.minorFaults ?? 0)));
    peakRssBytes[c] = Math.round(median(mine.map((r) => r.peakRssBytes)));
    medianSimulatorCpuMs[c] = Math.round(median(mine.map((r) => r.simulatorCpuMs)));
    if (mine.some((r) => r.totalMs !== undefined))
      medianTotalMs[c] = Math.round(median(mine.map((r) => r.totalMs ?? r.ms)));
  }
  // No contender can finish before the cores have done its work and the simulator's.
  const floorMs = (c: string) => ((medianCpuMs[c] ?? 0) + (medianSimulatorCpuMs[c] ?? 0)) / machine.cores;
  const jsonBytes = Math.max(0, ...runs.map((r) => r.bytes));
  const ratio = (x?: number, y?: number) =>
    x === undefined || y === undefined ? null : Math.round((x / y) * 1000) / 1000;
  const ratios = {
    cOverA: ratio(medianMs.c, medianMs.a),
    bOverC: ratio(medianMs.b, medianMs.c),
    sOverC: ratio(medianMs.s, medianMs.c),
    wholeSyncOverC: ratio(medianTotalMs.s, medianMs.c),
  };

  const lines = [
    "",
    `machine: ${machine.cores} cores (${machine.cpuModel}), ${bytesText(machine.memoryBytes)} RAM, Node ${machine.node}, nodejs-polars ${machine.nodejsPolars}, ${machine.platform}`,
    `scenario: ${served.toLocaleString("en")} events / ${days} days, ${listedUsers.toLocaleString("en")} users, pages of ${scenario.pageSize}, ${scenario.concurrency} requests in flight, ${rounds} rounds`,
    `load average (1, 5, 15 min) at start ${loadAtStart.join(", ")}, at end ${loadavg()
      .map((x) => x.toFixed(2))
      .join(", ")}`,
    `total JSON bytes (events + users pages): ${bytesText(jsonBytes)} (${jsonBytes.toLocaleString("en")})`,
    "",
    ...contenders.map(
      (c) =>
        `${(LABELS[c] ?? c).padEnd(58)} median ${(medianMs[c]! / 1000).toFixed(2).padStart(6)} s   cpu ${(medianCpuMs[c]! / 1000).toFixed(2).padStart(6)} s (sys ${(medianSysMs[c]! / 1000).toFixed(2)})   peak RSS ${bytesText(peakRssBytes[c]!).padStart(9)}${jsonBytes ? ` (${(peakRssBytes[c]! / jsonBytes).toFixed(2)}x JSON)` : ""}`,
    ),
    "",
    `c/a = ${ratios.cOverA ?? "n/a"}   (target <= 0.8)   CPU time c/a = ${ratio(medianCpuMs.c, medianCpuMs.a) ?? "n/a"}`,
    `b/c = ${ratios.bOverC ?? "n/a"}   (target >= 5)     CPU time b/c = ${ratio(medianCpuMs.b, medianCpuMs.c) ?? "n/a"}`,
    ...(medianMs.s !== undefined
      ? [
          `s/c = ${ratios.sOverC ?? "n/a"}   (target <= 1.5)   sync/ingest: events backfill ${(medianMs.s / 1000).toFixed(2)} s over ingest ${medianMs.c === undefined ? "n/a" : `${(medianMs.c / 1000).toFixed(2)} s`}; ` +
            `whole sync (+ users and entitlement snapshots) ${((medianTotalMs.s ?? 0) / 1000).toFixed(2)} s = ${ratios.wholeSyncOverC ?? "n/a"} x c; peak RSS s/c = ${ratio(peakRssBytes.s, peakRssBytes.c) ?? "n/a"}`,
        ]
      : []),
    ...(medianMs.c !== undefined && medianMs.a !== undefined
      ? [
          `CPU floor of c on ${machine.cores} cores: (c's CPU ${(medianCpuMs.c! / 1000).toFixed(2)} s + the simulator's ${(medianSimulatorCpuMs.c! / 1000).toFixed(2)} s) / ${machine.cores} = ${(floorMs("c") / 1000).toFixed(2)} s, so c/a >= ${ratio(floorMs("c"), medianMs.a)} with no core ever idle`,
        ]
      : []),
    `(a shared machine: wall times move with other jobs' load; CPU time, summed over threads, moves less,`,
    ` except its sys part: the cost of each page fault on these VMs varies up to 5x from run to run)`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);

  const result = {
    scenario: { ...scenarioSummary(scenario), eventsServed: served, listedUsers, rounds, jsonBytes },
    machine,
    medianMs,
    peakRssBytes,
    ratios,
    medianCpuMs,
    medianSysMs,
    medianMinorFaults,
    medianSimulatorCpuMs,
    medianTotalMs,
    loadAverage: { atStart: loadAtStart, atEnd: loadavg().map((x) => Math.round(x * 100) / 100) },
    runs,
  };
  mkdirSync(dirname(args.out), { recursive: true });
  writeFileSync(args.out, `${JSON.stringify(result, null, 2)}\n`);
  process.stdout.write(`wrote ${args.out}\n`);
}

function scenarioSummary(s: Scenario) {
  return {
    events: s.events,
    users: s.users,
    days: s.days,
    pageSize: s.pageSize,
    concurrency: s.concurrency,
    now: new Date(s.now).toISOString(),
  };
}

/** Runs one contender in a fresh Node process and returns what it printed. */
function runChild(contender: string, scenario: Scenario): Promise<ContenderResult> {
  return runBenchChild<ContenderResult>(
    pathToFileURL(join(HERE, "contender.ts")).href,
    "BENCH_SCENARIO",
    scenario,
    contender,
    { argv: [contender], nodeArgs: args["child-args"].split(" ").filter(Boolean) },
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
