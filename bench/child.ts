/**
 * What the benchmarks' parent and child processes share: running a child that answers with one
 * JSON line, and a child's own peak memory.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Runs `script --child` (or `script ...argv`) under tsx with `task` as JSON in the environment
 * variable `envName`, and returns the child's last stdout line, parsed. stderr passes through
 * (progress).
 *
 * @param nodeArgs - options for the child's Node (e.g. `--cpu-prof`) @default none
 * @example
 * ```ts
 * const result = await runBenchChild<ChildResult>(import.meta.url, "YEAR_BENCH_TASK", task, "kit");
 * ```
 */
export function runBenchChild<T>(
  scriptUrl: string,
  envName: string,
  task: unknown,
  label: string,
  { argv = ["--child"], nodeArgs = [] }: { argv?: string[]; nodeArgs?: string[] } = {},
): Promise<T> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      [...nodeArgs, "--import", "tsx", fileURLToPath(scriptUrl), ...argv],
      {
        cwd: ROOT,
        env: { ...process.env, [envName]: JSON.stringify(task) },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let out = "";
    proc.stdout.setEncoding("utf8");
    proc.stdout.on("data", (chunk: string) => {
      out += chunk;
    });
    proc.on("error", reject);
    proc.on("close", (code) => {
      if (code !== 0) return reject(new Error(`${label} child exited with ${code}: ${out.slice(-500)}`));
      try {
        resolve(JSON.parse(out.trim().split("\n").pop() ?? "") as T);
      } catch {
        reject(new Error(`${label} child printed no result: ${out.slice(-500)}`));
      }
    });
  });
}

/**
 * This process's own peak resident set size, bytes. Linux keeps `getrusage`'s maxRSS across
 * fork and exec, so a child's `process.resourceUsage().maxRSS` is at least the parent's RSS when
 * it was spawned (the simulator's pre-serialised pages, or a freshly generated archive). The
 * high-water mark of the process's own memory map (VmHWM) is its own; maxRSS elsewhere.
 *
 * @example
 * ```ts
 * const peakRssBytes = ownPeakRss();
 * ```
 */
export function ownPeakRss(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
    if (hwm) return Number(hwm[1]) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}
