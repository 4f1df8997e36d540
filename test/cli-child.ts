import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** What a CLI child process did. */
export interface ChildResult {
  /** Exit code; null when it was killed (deadline) or died of a signal. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall-clock ms until it ended. */
  ms: number;
}

/**
 * Runs `epm-audit-kit sync` from source (through tsx) on a fresh temporary archive, in a child
 * process with a memory cap (`--max-old-space-size`) and a hard deadline (SIGKILL), with only
 * the given environment (plus PATH and HOME).
 *
 * @param env - ANAPLAN_* / EPM_* variables
 * @param limits - heap cap in MB and deadline in ms
 * @example
 * ```ts
 * const r = await runSyncChild({ ANAPLAN_TOKEN: "x" }, { heapMb: 128, deadlineMs: 30_000 });
 * ```
 */
export function runSyncChild(
  env: Record<string, string>,
  limits: { heapMb: number; deadlineMs: number },
): Promise<ChildResult> {
  const archive = mkdtempSync(join(tmpdir(), "kit-child-"));
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      `--max-old-space-size=${limits.heapMb}`,
      "--import",
      "tsx",
      join(ROOT, "src/cli/main-entry.ts"),
      "sync",
      "--archive",
      archive,
    ],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", TZ: "UTC", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => {
    stdout += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    stderr += c.toString();
  });
  const timer = setTimeout(() => child.kill("SIGKILL"), limits.deadlineMs);
  return new Promise((resolve) => {
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      rmSync(archive, { recursive: true, force: true });
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started });
    });
  });
}
