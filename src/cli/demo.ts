import { join, resolve } from "node:path";
import type { AnaplanClientOptions } from "../anaplan/anaplan-client.js";
import { anaplanOptionsFromEnv } from "../anaplan/options-from-env.js";
import type { EpmClientOptions } from "../epm/epm-client.js";
import { type Simulator, startSimulator } from "../simulator/start-simulator.js";
import { runAnaplanDemo } from "./demo-anaplan.js";
import { runEpmDemo } from "./demo-epm.js";
import { epmOptionsFromEnv } from "./epm-options-from-env.js";
import { KIT_NOTEBOOKS, runNotebookReports } from "./notebook-reports.js";
import { parseCommandArgs } from "./parse-command-args.js";
import { printCommandError } from "./print-command-error.js";
import { readReportParameters } from "./report-parameters.js";
import { checkReportWindow } from "./report-window.js";
import { TIME_RULE_HELP } from "./time-rule-help.js";

/** `epm-audit-kit demo --help`. */
export const DEMO_HELP = `epm-audit-kit demo [--days N] [--out DIR]

The whole kit end to end. Fetches the N complete UTC days before today (default 14) of Anaplan
audit events and the Anaplan users, joins them, prints a short summary and writes to DIR
(default ./out, under the current folder):
  anaplan-events.parquet, anaplan-users.parquet,
  anaplan-events-with-users.parquet, anaplan-events-with-users.csv
then the six Oracle EPM security/audit reports (the audit ones for the same days, capped at
each report's retention) as epm-<report>.parquet and .csv, and last runs the kit's notebooks
headless into DIR/reports/*.html (needs Jupyter; without it the demo says how to install it).

Sources, never mixed: with no ANAPLAN_* and no EPM_* variable set, everything comes from the
built-in simulator (seed 1), and the demo says so. With credentials set, only the systems they
configure are used and the others are skipped (said so): a report never combines your tenant
with simulated data.
  ANAPLAN_EMAIL + ANAPLAN_PASSWORD, or
  ANAPLAN_CERTIFICATE + ANAPLAN_PRIVATE_KEY (PEM text or file paths) [+ ANAPLAN_PASSPHRASE], or
  ANAPLAN_TOKEN;   optional: ANAPLAN_AUTH_URL, ANAPLAN_AUDIT_URL, ANAPLAN_API_URL (regional hosts)
  EPM_URL + EPM_USERNAME + EPM_PASSWORD, or EPM_URL + EPM_TOKEN (OAuth)
Credentials without the URL they need (EPM_USERNAME without EPM_URL, …) are an error.

  --days N      the N complete UTC days before today (default 14; Anaplan keeps 30 days)
  --out DIR     output folder (default out)
  --verbose     print the stack trace of an unexpected error
  -h, --help    this text

${TIME_RULE_HELP}`;

/** What the demo talks to: the simulator for everything, or the configured tenants only. */
interface DemoSources {
  anaplan: AnaplanClientOptions | undefined;
  epm: EpmClientOptions | undefined;
}

/**
 * `epm-audit-kit demo`: the whole kit end to end, against real tenants or the simulator.
 *
 * @param argv - command-line arguments after `demo`
 * @param env - environment variables. @default process.env
 * @returns the process exit code: 0 done, 1 failed, 2 a mistake in a flag or variable
 * @example
 * ```ts
 * process.exitCode = await demo(["--days", "7"]);
 * ```
 */
export async function demo(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const verbose = argv.includes("--verbose");
  const print = (line: string) => process.stdout.write(`${line}\n`);
  let days: string;
  let outDir: string;
  let sources: DemoSources;
  try {
    const args = parseCommandArgs(argv, {
      days: { type: "string", default: "14" },
      out: { type: "string", default: "out" },
    });
    if (args.help) {
      process.stdout.write(DEMO_HELP);
      return 0;
    }
    days = args.values.days as string;
    checkReportWindow({ days });
    outDir = resolve(args.values.out as string);
    sources = { anaplan: anaplanOptionsFromEnv(env), epm: epmOptionsFromEnv(env) };
  } catch (error) {
    return printCommandError("demo", error, { verbose });
  }
  const sim = sources.anaplan || sources.epm ? undefined : await startSimulator({ port: 0, seed: 1 });
  try {
    return await runDemo({ sources, sim, days, outDir, env, print });
  } catch (error) {
    return printCommandError("demo", error, { verbose });
  } finally {
    await sim?.close();
  }
}

/** The demo once its arguments are checked: Anaplan, Oracle EPM, then the notebooks. */
async function runDemo(run: {
  sources: DemoSources;
  sim: Simulator | undefined;
  days: string;
  outDir: string;
  env: Record<string, string | undefined>;
  print: (line: string) => void;
}): Promise<number> {
  const { sources, sim, print } = run;
  // The window, computed once against one "now": the demo's fetches and every notebook get the
  // same two UTC days (KIT_FROM/KIT_TO), so nothing is counted against a later clock.
  const now = sim ? sim.clock.now() : Date.now();
  const days = checkReportWindow({ days: run.days }, now);
  const parameters = readReportParameters({ KIT_FROM: days.from, KIT_TO: days.to }, now);
  print(describeSources(sources, sim));
  print(`Window: ${parameters.description}.\n`);
  if (sim || sources.anaplan) {
    const anaplan = sources.anaplan ?? {
      ...sim!.anaplan.credentials,
      ...sim!.anaplan.urls,
      now: () => sim!.clock.now(),
    };
    const context = { outDir: run.outDir, print, sim, days: parameters.dayCount, window: parameters.window };
    await runAnaplanDemo(context, anaplan);
  } else {
    print(
      "Anaplan: skipped (no ANAPLAN_* credentials set; the demo never mixes your tenant with simulated data).",
    );
  }
  print("");
  if (sim || sources.epm) {
    await runEpmDemo({ outDir: run.outDir, log: print, sim, env: run.env, window: parameters.days });
  } else {
    print(
      "Oracle EPM: skipped (no EPM_* variables set; the demo never mixes your tenant with simulated data).",
    );
  }
  print("\nHTML reports: the kit's notebooks, run headless (Jupyter + the tslab kernel):");
  const reports = await runNotebookReports({
    outDir: join(run.outDir, "reports"),
    notebooks: notebooksFor(sources, sim),
    window: days,
    env: run.env,
    print,
  });
  return reports.status === "failed" ? 1 : 0;
}

function describeSources(sources: DemoSources, sim: Simulator | undefined): string {
  if (sim)
    return `No ANAPLAN_* or EPM_* variables set: using the built-in simulator at ${sim.url} (seed 1) for everything.\nSet ANAPLAN_EMAIL and ANAPLAN_PASSWORD, EPM_URL with EPM_USERNAME and EPM_PASSWORD (see --help) for your tenants.`;
  const anaplan = sources.anaplan
    ? `the Anaplan tenant at ${sources.anaplan.auditUrl ?? "https://audit.anaplan.com/audit/api/1"}`
    : undefined;
  const epm = sources.epm ? `the Oracle EPM pod at ${sources.epm.url}` : undefined;
  return `Using ${[anaplan, epm].filter(Boolean).join(" and ")} (no simulated data).`;
}

/** The notebooks whose systems are configured (access-review needs both). */
function notebooksFor(sources: DemoSources, sim: Simulator | undefined): readonly string[] {
  if (sim || (sources.anaplan && sources.epm)) return KIT_NOTEBOOKS;
  return sources.anaplan ? ["anaplan-audit"] : ["epm-access-audit"];
}
