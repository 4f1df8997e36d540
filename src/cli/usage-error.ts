import { KitError } from "../errors/kit-error.js";

/**
 * A command-line mistake the user can fix: an unknown flag or subcommand, a missing or malformed
 * value. The message names the flag (or environment variable) to fix; the CLI prints it on one
 * line and exits with code 2.
 *
 * @example
 * ```ts
 * throw new UsageError("--days takes a whole number, got ten.");
 * //=> epm-audit-kit report: --days takes a whole number, got ten. (see epm-audit-kit report --help)
 * ```
 */
export class UsageError extends KitError {
  override name = "UsageError";

  constructor(message: string, options: { cause?: unknown } = {}) {
    super("E_USAGE", message, options);
  }
}
