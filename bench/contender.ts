/**
 * Child-process entry of one contender run: `node --import tsx bench/contender.ts <name>` with
 * the scenario as JSON in BENCH_SCENARIO. Prints one JSON line (a ContenderResult) and exits,
 * so each run's peak memory is its own.
 */
import { readFileSync } from "node:fs";
import type { ContenderResult, Scenario } from "./scenario.js";

type Contender = (s: Scenario) => Promise<Omit<ContenderResult, "peakRssBytes">>;

/** Each child loads only its own contender (and its libraries), before the timed part. */
const CONTENDERS: Record<string, () => Promise<Contender>> = {
  a: async () => (await import("./contenders/js-bound.js")).jsBound,
  b: async () => (await import("./contenders/naive-port.js")).naivePort,
  c: async () => (await import("./contenders/kit.js")).kit,
  s: async () => (await import("./contenders/kit-sync.js")).kitSync,
  dl: async () => (await import("./contenders/download-only.js")).downloadOnly,
};

async function main(): Promise<void> {
  const name = process.argv[2] ?? "";
  const load = CONTENDERS[name];
  if (!load) throw new Error(`unknown contender ${name}; use one of ${Object.keys(CONTENDERS).join(", ")}`);
  const run = await load();
  const scenario = JSON.parse(process.env.BENCH_SCENARIO ?? "") as Scenario;
  const cpu0 = process.cpuUsage();
  const faults0 = process.resourceUsage().minorPageFault;
  const result = await run(scenario);
  const cpu = process.cpuUsage(cpu0);
  const out: ContenderResult = {
    ...result,
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    sysMs: Math.round(cpu.system / 1000),
    minorFaults: process.resourceUsage().minorPageFault - faults0,
    peakRssBytes: peakRss(),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

/**
 * This process's own peak resident set size, bytes. Linux keeps `getrusage`'s maxRSS across
 * fork and exec, so a child's `process.resourceUsage().maxRSS` is at least the parent's RSS
 * when it was spawned — here the simulator's pre-serialised pages (6 GB at 10M events). The
 * high-water mark of the process's own memory map (VmHWM) is its own; maxRSS elsewhere.
 */
function peakRss(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (hwm) return Number(hwm[1]) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
