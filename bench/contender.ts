/**
 * Child-process entry of one contender run: `node --import tsx bench/contender.ts <name>` with
 * the scenario as JSON in BENCH_SCENARIO. Prints one JSON line (a ContenderResult) and exits,
 * so each run's peak memory is its own.
 */
import { ownPeakRss } from "./child.js";
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
    peakRssBytes: ownPeakRss(),
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
