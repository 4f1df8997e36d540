import { type ParseArgsConfig, parseArgs } from "node:util";
import { UsageError } from "./usage-error.js";

/** The option table of one subcommand, as `node:util` parseArgs takes it. */
export type CommandOptions = NonNullable<ParseArgsConfig["options"]>;

/** What {@link parseCommandArgs} read. */
export interface CommandArgs {
  /** Option values by long name (strings, booleans, string arrays for `multiple`). */
  values: Record<string, string | boolean | string[] | undefined>;
  /** Arguments that are not options. */
  positionals: string[];
  /** `--help` or `-h` was given. */
  help: boolean;
  /** `--verbose` was given. */
  verbose: boolean;
}

/**
 * Parses a subcommand's arguments strictly, with `--help`/`-h` and `--verbose` added to every
 * command. An unknown flag, a flag without its value, or an unexpected argument becomes a
 * {@link UsageError} that names it in one sentence.
 *
 * @param argv - the arguments after the subcommand
 * @param options - the subcommand's own options
 * @param allowPositionals - whether the subcommand takes positional arguments. @default false
 * @returns the values, positionals, help and verbose flags
 * @throws {@link UsageError} for an unknown or malformed flag
 * @example
 * ```ts
 * parseCommandArgs(["--days", "7"], { days: { type: "string" } }).values.days //=> "7"
 * parseCommandArgs(["--dyas", "7"], { days: { type: "string" } })
 * //=> UsageError: Unknown option '--dyas'.
 * ```
 */
export function parseCommandArgs(
  argv: readonly string[],
  options: CommandOptions,
  allowPositionals = false,
): CommandArgs {
  try {
    const parsed = parseArgs({
      args: [...argv],
      allowPositionals,
      strict: true,
      options: {
        ...options,
        help: { type: "boolean", short: "h", default: false },
        verbose: { type: "boolean", default: false },
      },
    });
    const values = parsed.values as CommandArgs["values"];
    return {
      values,
      positionals: parsed.positionals,
      help: values.help === true,
      verbose: values.verbose === true,
    };
  } catch (error) {
    throw new UsageError(firstSentence((error as Error).message), { cause: error });
  }
}

/** Node's parse errors add a long second sentence about `--`: keep the first. */
function firstSentence(message: string): string {
  const end = message.indexOf(". ");
  return end === -1 ? message : message.slice(0, end + 1);
}
