import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CliContext } from "./cli-command.js";
import { CLI_COMMANDS } from "./commands.js";
import { packageRoot } from "./kernel-spec.js";
import { printCommandError } from "./print-command-error.js";
import { TIME_RULE_HELP } from "./time-rule-help.js";
import { UsageError } from "./usage-error.js";

/**
 * The kit's version, from its package.json.
 *
 * @returns e.g. "0.1.0"
 * @example
 * ```ts
 * kitVersion() //=> "0.1.0"
 * ```
 */
export function kitVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string };
  return pkg.version;
}

/**
 * `epm-audit-kit --help`: the commands and the time rule.
 *
 * @returns the text
 * @example
 * ```ts
 * process.stdout.write(mainHelp());
 * ```
 */
export function mainHelp(): string {
  const width = Math.max(...CLI_COMMANDS.map((c) => c.name.length));
  const lines = CLI_COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return `epm-audit-kit <command> [options]      (epm-audit-kit <command> --help for its options)

Anaplan audit events and users, and Oracle EPM security/audit reports, as Polars DataFrames,
notebooks and HTML reports; with a built-in simulator of both APIs.

Commands:
${lines.join("\n")}

  --version     print the kit's version
  --verbose     print stack traces of unexpected errors (any command)
  -h, --help    this text

Credentials come from ANAPLAN_* and EPM_* environment variables (see epm-audit-kit demo --help);
with none set, commands use the built-in simulator and say so. A mistake in a flag or variable
prints one line naming it and exits with code 2.

${TIME_RULE_HELP}`;
}

/**
 * The `epm-audit-kit` command: dispatches to a subcommand of {@link CLI_COMMANDS}. Global flags
 * before the subcommand: `--help`, `--version`, `--verbose` (passed on to the subcommand).
 *
 * @param argv - the arguments after `epm-audit-kit`
 * @param context - environment. @default { env: process.env }
 * @returns the exit code: 0 done, 1 failed, 2 a mistake in a flag or variable
 * @example
 * ```ts
 * process.exitCode = await main(["report", "all", "--days", "7"]);
 * ```
 */
export async function main(argv: string[], context: CliContext = { env: process.env }): Promise<number> {
  const global = new Set<string>();
  let i = 0;
  for (; i < argv.length && argv[i]?.startsWith("-"); i++) global.add(argv[i]!);
  const verbose = global.has("--verbose");
  try {
    for (const flag of global) {
      if (!["--help", "-h", "--version", "--verbose"].includes(flag))
        throw new UsageError(`Unknown option ${flag} before the command (options go after it).`);
    }
    if (global.has("--version")) {
      process.stdout.write(`${kitVersion()}\n`);
      return 0;
    }
    const name = argv[i];
    if (name === undefined || global.has("--help") || global.has("-h") || name === "help") {
      process.stdout.write(mainHelp());
      return name === undefined && !global.has("--help") && !global.has("-h") ? 2 : 0;
    }
    const command = CLI_COMMANDS.find((c) => c.name === name);
    if (!command)
      throw new UsageError(
        `Unknown command "${name}": use one of ${CLI_COMMANDS.map((c) => c.name).join(", ")}.`,
      );
    const rest = argv.slice(i + 1);
    return await command.run(verbose ? ["--verbose", ...rest] : rest, context);
  } catch (error) {
    return printCommandError("", error, { verbose });
  }
}
