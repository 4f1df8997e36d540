import type { CliCommand } from "./cli-command.js";

/**
 * The subcommands of `epm-audit-kit`, in the order `--help` lists them. Each entry loads its
 * module only when run, so `--help`, `--version` and a mistyped command answer at once.
 *
 * To add one (say `login`): write `src/cli/login.ts` exporting `login(argv, env)` that parses
 * with `parseCommandArgs`, checks every flag and variable before starting anything, reports
 * failures with `printCommandError`, states `TIME_RULE_HELP` in its `--help`, and resolves to
 * the exit code; then add one entry here:
 * `{ name: "login", summary: "…", run: async (argv, { env }) => (await import("./login.js")).login(argv, env) }`.
 * Nothing else changes: `main.ts` dispatches from this list and lists it in `--help`.
 *
 * @example
 * ```ts
 * CLI_COMMANDS.map((c) => c.name) //=> ["demo", "simulator", "sync", "export", "report", "kernel"]
 * ```
 */
export const CLI_COMMANDS: readonly CliCommand[] = Object.freeze([
  {
    name: "demo",
    summary: "fetch, join and report end to end (the built-in simulator unless credentials are set)",
    run: async (argv, { env }) => (await import("./demo.js")).demo(argv, env),
  },
  {
    name: "simulator",
    summary: "run the Anaplan + Oracle EPM simulator on 127.0.0.1 until Ctrl-C",
    run: async (argv) => (await import("./simulator.js")).runSimulator(argv),
  },
  {
    name: "sync",
    summary: "bring a local Parquet archive up to date (history beyond the APIs' retention)",
    run: async (argv, { env }) => (await import("./sync.js")).sync(argv, env),
  },
  {
    name: "export",
    summary: "write one frame (events, users, an EPM report, …) to Parquet or CSV",
    run: async (argv, { env }) => (await import("./export.js")).exportCommand(argv, env),
  },
  {
    name: "report",
    summary: "run notebooks (the kit's or any .ipynb) headless into self-contained HTML reports",
    run: async (argv, { env }) => (await import("./report.js")).report(argv, env),
  },
  {
    name: "kernel",
    summary: "register the tslab TypeScript kernel for Jupyter (once per user, or --prefix)",
    run: async (argv, { env }) => (await import("./kernel.js")).kernel(argv, env),
  },
  {
    name: "login",
    summary: "sign in once with OAuth (device grant) and store the refresh token: login anaplan|epm",
    run: async (argv, { env }) => (await import("./login.js")).login(argv, env),
  },
  {
    name: "logout",
    summary: "forget the stored OAuth sign-in: logout anaplan|epm",
    run: async (argv, { env }) => (await import("./login.js")).logout(argv, env),
  },
  {
    name: "findings",
    summary: "run the detection rules over an archive window and list the findings",
    run: async (argv) => (await import("./findings-command.js")).findingsCommand(argv),
  },
  {
    name: "evidence",
    summary: "write a verifiable evidence pack (data, findings, reports, hashes, chain) from an archive",
    run: async (argv) => (await import("./evidence-command.js")).evidenceCommand(argv),
  },
  {
    name: "verify",
    summary: "check an evidence pack and the chain of packs before it",
    run: async (argv) => (await import("./verify-command.js")).verifyCommand(argv),
  },
  {
    name: "siem",
    summary: "send archived events and findings to a SIEM as CEF or JSON Lines, each record once",
    run: async (argv) => (await import("./siem-command.js")).siemCommand(argv),
  },
  {
    name: "ddl",
    summary: "print table definitions for DuckDB, Spark or Trino over the archive",
    run: async (argv) => (await import("./ddl-command.js")).ddlCommand(argv),
  },
] satisfies CliCommand[]);
