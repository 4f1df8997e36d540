#!/usr/bin/env node
import { join } from "node:path";
import { parseArgs } from "node:util";
import { anaplanOptionsFromEnv } from "../anaplan/options-from-env.js";
import { isKitError } from "../errors/kit-error.js";
import { startSimulator } from "../simulator/start-simulator.js";
import type { UtcDayWindow } from "../time/utc-day-window.js";
import { runAnaplanDemo } from "./demo-anaplan.js";
import type { DemoContext } from "./demo-context.js";
import { runEpmDemo } from "./demo-epm.js";
import { runNotebookReports } from "./notebook-reports.js";
import { resolveReportWindow } from "./report-parameters.js";
import { runIfMain } from "./run-if-main.js";

const HELP = `npm run demo [-- --days N] [-- --out DIR]

Fetches the last N days (default 14) of Anaplan audit events and the Anaplan users, joins them,
prints a short summary and writes to DIR (default out/):
  anaplan-events.parquet, anaplan-users.parquet,
  anaplan-events-with-users.parquet, anaplan-events-with-users.csv

With these environment variables set it uses your tenant; otherwise it starts the built-in
simulator in-process (seed 1) and says so:
  ANAPLAN_EMAIL + ANAPLAN_PASSWORD, or
  ANAPLAN_CERTIFICATE + ANAPLAN_PRIVATE_KEY (PEM text or file paths) [+ ANAPLAN_PASSPHRASE], or
  ANAPLAN_TOKEN
  optional: ANAPLAN_AUTH_URL, ANAPLAN_AUDIT_URL, ANAPLAN_API_URL (regional hosts)

It also fetches the six Oracle EPM security/audit reports (last 30 days for the audit ones) and
writes epm-<report>.parquet and .csv to DIR, from your pod when these are set, else from the
simulator:
  EPM_URL + EPM_USERNAME + EPM_PASSWORD, or EPM_URL + EPM_TOKEN (OAuth)

Last, it runs the three notebooks headless into DIR/reports/*.html (needs Jupyter; without it the
demo says how to install it).
`;

/**
 * `npm run demo`: the whole kit end to end, against a real tenant or the simulator.
 *
 * @param argv - command-line arguments (without node and the script)
 * @param env - environment variables. @default process.env
 * @returns the process exit code
 * @example
 * ```ts
 * process.exitCode = await demo(["--days", "7"]);
 * ```
 */
export async function demo(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  let args: { days: string; out: string; help: boolean };
  let window: UtcDayWindow;
  try {
    args = parseArgs({
      args: argv,
      options: {
        days: { type: "string", default: "14" },
        out: { type: "string", default: "out" },
        help: { type: "boolean", short: "h", default: false },
      },
    }).values as typeof args;
    // The notebooks' window, computed once: N complete UTC days before today, passed as days.
    window = resolveReportWindow({ days: args.days }, Date.now(), {
      from: "--from",
      to: "--to",
      days: "--days",
    });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const real = anaplanOptionsFromEnv(env);
  const sim = real ? undefined : await startSimulator({ port: 0, seed: 1 });
  const context: DemoContext = { outDir: args.out, print, sim, days: Number(args.days) };
  try {
    if (sim) {
      print(`No ANAPLAN_* credentials set: using the built-in simulator at ${sim.url} (seed 1).`);
      print("Set ANAPLAN_EMAIL and ANAPLAN_PASSWORD (see --help) to run against your tenant.\n");
    } else {
      print(`Using the Anaplan tenant at ${real?.auditUrl ?? "https://audit.anaplan.com/audit/api/1"}.\n`);
    }
    const anaplan = real ?? {
      ...sim!.anaplan.credentials,
      ...sim!.anaplan.urls,
      now: () => sim!.clock.now(),
    };
    await runAnaplanDemo(context, anaplan);

    print("");
    await runEpmDemo({ outDir: context.outDir, log: print, sim: context.sim, env });

    print("\nHTML reports: the notebooks in notebooks/, run headless (Jupyter + the tslab kernel):");
    const reports = await runNotebookReports({
      outDir: join(context.outDir, "reports"),
      window,
      env,
      print,
    });
    if (reports.status === "failed") return 1;

    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`\ndemo failed${isKitError(error) ? ` (${error.code})` : ""}: ${message}\n`);
    return 1;
  } finally {
    await sim?.close();
  }
}

runIfMain(import.meta.url, "demo", demo);
