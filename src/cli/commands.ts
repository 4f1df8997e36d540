import type { CliCommand } from "./cli-command.js";
import { demoCommand } from "./demo.js";
import { exportCommandEntry } from "./export.js";
import { kernelCommand } from "./kernel.js";
import { reportCommand } from "./report.js";
import { simulatorCommand } from "./simulator.js";
import { syncCommand } from "./sync.js";

/**
 * The subcommands of `epm-audit-kit`, in the order `--help` lists them. To add one (say
 * `login`): write `src/cli/login.ts` exporting `loginCommand: CliCommand` (name, one-line
 * summary, `run(argv, { env })` resolving to the exit code; parse with `parseCommandArgs`,
 * report failures with `printCommandError`, state `TIME_RULE_HELP` in its `--help`), then add
 * it to this list. Nothing else needs to change: `main.ts` dispatches from here.
 *
 * @example
 * ```ts
 * CLI_COMMANDS.map((c) => c.name) //=> ["demo", "simulator", "sync", "export", "report", "kernel"]
 * ```
 */
export const CLI_COMMANDS: readonly CliCommand[] = Object.freeze([
  demoCommand,
  simulatorCommand,
  syncCommand,
  exportCommandEntry,
  reportCommand,
  kernelCommand,
]);
