/** What a subcommand gets besides its arguments. */
export interface CliContext {
  /** Environment variables (credentials, KIT_PYTHON, …). */
  env: Record<string, string | undefined>;
}

/**
 * One subcommand of `epm-audit-kit`: an entry of the table in `src/cli/commands.ts`.
 *
 * @example
 * ```ts
 * const login: CliCommand = {
 *   name: "login",
 *   summary: "store a refresh token for Oracle EPM",
 *   run: async (argv, { env }) => (await import("./login.js")).login(argv, env),
 * };
 * ```
 */
export interface CliCommand {
  /** The word after `epm-audit-kit`. */
  name: string;
  /** One line for `epm-audit-kit --help`. */
  summary: string;
  /**
   * Runs the command: parses `argv` (the arguments after the name; `--help` and `--verbose`
   * included), prints its own output and errors, resolves to the exit code (0 done, 1 failed,
   * 2 a mistake the user fixes). Nothing may start (server, Jupyter, network) before every
   * argument and date has been checked.
   */
  run(argv: string[], context: CliContext): Promise<number>;
}
