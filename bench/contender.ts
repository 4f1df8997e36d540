/**
 * Child-process entry of one contender run: `node --import tsx bench/contender.ts <name>` with
 * the scenario as JSON in BENCH_SCENARIO. Prints one JSON line (a ContenderResult) and exits,
 * so each run's peak memory is its own.
 */
import { downloadOnly } from "./contenders/download-only.js";
import { jsBound } from "./contenders/js-bound.js";
import { kit } from "./contenders/kit.js";
import { naivePort } from "./contenders/naive-port.js";
import type { ContenderResult, Scenario } from "./scenario.js";

const CONTENDERS = {
  a: jsBound,
  b: naivePort,
  c: kit,
  dl: downloadOnly,
} as const;

async function main(): Promise<void> {
  const name = process.argv[2] as keyof typeof CONTENDERS;
  const run = CONTENDERS[name];
  if (!run) throw new Error(`unknown contender ${name}; use one of ${Object.keys(CONTENDERS).join(", ")}`);
  const scenario = JSON.parse(process.env.BENCH_SCENARIO ?? "") as Scenario;
  const cpu0 = process.cpuUsage();
  const result = await run(scenario);
  const cpu = process.cpuUsage(cpu0);
  const out: ContenderResult = {
    ...result,
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
