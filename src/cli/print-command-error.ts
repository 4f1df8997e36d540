import { isKitError } from "../errors/kit-error.js";

/** The error codes of mistakes the user fixes by changing a flag or an environment variable. */
const USER_MISTAKES = new Set(["E_USAGE", "E_VALIDATION", "E_JUPYTER_MISSING"]);

/**
 * The exit code for an error that ended a command: 2 for a mistake the user fixes (a flag, a
 * date, an environment variable, a missing Jupyter), 1 for everything else.
 *
 * @param error - what was thrown
 * @returns 2 or 1
 * @example
 * ```ts
 * exitCodeOf(new UsageError("Unknown option --dyas")) //=> 2
 * exitCodeOf(new Error("socket hang up")) //=> 1
 * ```
 */
export function exitCodeOf(error: unknown): 1 | 2 {
  return isKitError(error) && USER_MISTAKES.has(error.code) ? 2 : 1;
}

/** Options of {@link printCommandError}. */
export interface PrintCommandErrorOptions {
  /** Print the stack trace as well (`--verbose`). @default false */
  verbose?: boolean;
  /** Where the line goes. @default process.stderr */
  write?: (text: string) => void;
}

/**
 * Prints why a command stopped, as one line: `epm-audit-kit <command>: <message>` — the kit's
 * errors never with a stack trace or code name, usage mistakes with a pointer to `--help`, other
 * errors with a hint to rerun with `--verbose` (which adds the stack trace).
 *
 * @param command - the subcommand (`report`, `sync`, …), or "" for the top level
 * @param error - what was thrown
 * @param options - verbosity and writer
 * @returns the exit code ({@link exitCodeOf})
 * @example
 * ```ts
 * process.exitCode = printCommandError("report", new UsageError("Give both --from and --to."));
 * // stderr: epm-audit-kit report: Give both --from and --to. (see epm-audit-kit report --help)
 * ```
 */
export function printCommandError(
  command: string,
  error: unknown,
  options: PrintCommandErrorOptions = {},
): 1 | 2 {
  const write = options.write ?? ((text: string) => process.stderr.write(text));
  const prefix = command ? `epm-audit-kit ${command}` : "epm-audit-kit";
  const message = oneLine(error instanceof Error ? error.message : String(error));
  const kit = isKitError(error);
  let hint = "";
  if (kit && error.code === "E_USAGE") hint = ` (see ${prefix} --help)`;
  else if (!kit && !options.verbose) hint = " (rerun with --verbose for details)";
  write(`${prefix}: ${message}${hint}\n`);
  if (options.verbose && error instanceof Error && error.stack) write(`${error.stack}\n`);
  return exitCodeOf(error);
}

/** Folds a multi-line message into one line: lines trimmed, empty ones dropped, joined by " | ". */
function oneLine(message: string): string {
  return message
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .join(" | ");
}
