import { existsSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { anaplanOptionsFromEnv } from "../anaplan/options-from-env.js";
import { epmOptionsFromEnv } from "./epm-options-from-env.js";
import { packageRoot } from "./kernel-spec.js";
import { KIT_NOTEBOOKS } from "./notebook-reports.js";
import { parseCommandArgs } from "./parse-command-args.js";
import { printCommandError } from "./print-command-error.js";
import { checkReportWindow, type ReportWindow } from "./report-window.js";
import { assertJupyter, jupyterPython, runNotebook } from "./run-notebook.js";
import { TIME_RULE_HELP } from "./time-rule-help.js";
import { UsageError } from "./usage-error.js";

/** `epm-audit-kit report --help`. */
export const REPORT_HELP = `epm-audit-kit report <notebook>... [--from YYYY-MM-DD --to YYYY-MM-DD | --days N]
                     [--out DIR] [--archive DIR] [--timeout S] [--allow-incomplete]

Runs notebooks headless (Jupyter nbconvert + the kit's tslab TypeScript kernel) and writes, per
notebook, the executed notebook and a self-contained HTML report without code cells into DIR
(default ./out/reports). Exits non-zero when any cell fails, TypeScript type errors included.

  <notebook>      a path to any .ipynb file, a notebook the kit ships
                  (${KIT_NOTEBOOKS.join(", ")}), or "all" for all of them
  --from, --to    the report window as UTC days, both inclusive (passed as KIT_FROM / KIT_TO)
  --days N        the N complete UTC days before today instead (KIT_DAYS; default 14)
  --out DIR       output folder (KIT_OUT; the notebooks also save their findings there as CSV)
  --archive DIR   read a Parquet archive written by epm-audit-kit sync instead of the live APIs
                  (KIT_ARCHIVE): history beyond Anaplan's 30 days and EPM's 30-120
  --timeout S     longest run of one cell in seconds (default 600)
  --allow-incomplete  when Anaplan's totals never match while paging, keep the events fetched
                  and mark the source INCOMPLETE in the report's provenance (KIT_ALLOW_INCOMPLETE=1)
                  instead of failing the report
  --verbose       print the stack trace of an unexpected error
  -h, --help      this text

${TIME_RULE_HELP}
Credentials come from the environment (ANAPLAN_*, EPM_*; see the README). With none set, each
notebook starts the built-in simulator and says so in its first cell; with some set, only those
systems are used (never mixed with simulated data). Needs Jupyter for /usr/bin/python3 (or
KIT_PYTHON). On Debian or Ubuntu:
  sudo apt-get install -y jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel
`;

/** Everything `report` needs, checked before Jupyter starts. */
interface ReportPlan {
  notebooks: string[];
  outDir: string;
  window: ReportWindow;
  env: Record<string, string | undefined>;
  timeoutSeconds: number;
}

/**
 * `epm-audit-kit report`: runs notebooks headless into HTML reports.
 *
 * @param argv - command-line arguments after `report`
 * @param env - environment (credentials, KIT_PYTHON). @default process.env
 * @returns the exit code: 0 all written, 1 a notebook failed, 2 bad usage or no Jupyter
 * @example
 * ```ts
 * process.exitCode = await report(["access-review", "--days", "30"]);
 * ```
 */
export async function report(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<number> {
  const verbose = argv.includes("--verbose");
  let plan: ReportPlan | "help";
  try {
    plan = planReport(argv, env);
  } catch (error) {
    return printCommandError("report", error, { verbose });
  }
  if (plan === "help") {
    process.stdout.write(REPORT_HELP);
    return 0;
  }
  for (const notebook of plan.notebooks) {
    process.stderr.write(`Running ${relative(process.cwd(), notebook)} …\n`);
    try {
      const done = await runNotebook({
        notebook,
        outDir: plan.outDir,
        window: plan.window,
        env: plan.env,
        cellTimeoutSeconds: plan.timeoutSeconds,
      });
      const rel = (path: string) => relative(process.cwd(), path);
      process.stdout.write(
        `${rel(notebook)}: ${done.seconds.toFixed(1)} s → ${rel(done.html)} (executed: ${rel(done.executed)})\n`,
      );
    } catch (error) {
      return printCommandError("report", error, { verbose });
    }
  }
  return 0;
}

/** Parses and checks every argument, the window, the credentials and Jupyter; starts nothing. */
function planReport(argv: string[], env: Record<string, string | undefined>): ReportPlan | "help" {
  const args = parseCommandArgs(
    argv,
    {
      archive: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      days: { type: "string" },
      out: { type: "string", default: "out/reports" },
      timeout: { type: "string", default: "600" },
      "allow-incomplete": { type: "boolean", default: false },
    },
    true,
  );
  if (args.help) return "help";
  const v = args.values as Record<string, string | undefined>;
  if (args.positionals.length === 0)
    throw new UsageError(
      `Name at least one notebook: a path to an .ipynb, ${KIT_NOTEBOOKS.join(", ")} or all.`,
    );
  if (!/^\d+$/.test(v.timeout ?? "") || Number(v.timeout) < 1)
    throw new UsageError(`--timeout takes whole seconds (1 or more), got "${v.timeout}".`);
  const window = checkReportWindow({ from: v.from, to: v.to, days: v.days });
  const notebooks = args.positionals
    .flatMap((n) => (n === "all" ? [...KIT_NOTEBOOKS] : [n]))
    .map(notebookPath);
  if (v.archive !== undefined && !existsSync(v.archive))
    throw new UsageError(
      `--archive ${v.archive}: no such folder (create one with epm-audit-kit sync --archive DIR).`,
    );
  // Incomplete credentials are refused here, not in the first cell of every notebook.
  if (v.archive === undefined) {
    anaplanOptionsFromEnv(env);
    epmOptionsFromEnv(env);
  }
  assertJupyter(jupyterPython(env), notebooks[0] ?? "");
  return {
    notebooks,
    outDir: resolve(v.out ?? "out/reports"),
    window,
    // The kernel runs in the notebook's folder: pass the archive as an absolute path.
    env: {
      ...env,
      ...(v.archive === undefined ? {} : { KIT_ARCHIVE: resolve(v.archive) }),
      ...(args.values["allow-incomplete"] === true ? { KIT_ALLOW_INCOMPLETE: "1" } : {}),
    },
    timeoutSeconds: Number(v.timeout),
  };
}

/** A path to an .ipynb, or the name of a notebook the kit ships. */
function notebookPath(name: string): string {
  if (name.endsWith(".ipynb") && existsSync(name)) return resolve(name);
  const shipped = join(packageRoot(), "notebooks", `${name.replace(/\.ipynb$/, "")}.ipynb`);
  if ((KIT_NOTEBOOKS as readonly string[]).includes(name.replace(/\.ipynb$/, "")) && existsSync(shipped))
    return shipped;
  throw new UsageError(
    `No notebook "${name}": give a path to an .ipynb file, or one of ${KIT_NOTEBOOKS.join(", ")}, all.`,
  );
}
