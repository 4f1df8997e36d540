#!/usr/bin/env node
import { existsSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import { isKitError } from "../errors/kit-error.js";
import type { UtcDayWindow } from "../time/utc-day-window.js";
import { packageRoot } from "./kernel-spec.js";
import { KIT_NOTEBOOKS } from "./notebook-reports.js";
import { resolveReportWindow } from "./report-parameters.js";
import { runIfMain } from "./run-if-main.js";
import { runNotebook } from "./run-notebook.js";

const HELP = `npm run report -- <notebook>... [--from YYYY-MM-DD --to YYYY-MM-DD | --days N] [--out DIR] [--archive DIR]

Runs notebooks headless (Jupyter nbconvert + the tslab TypeScript kernel) and writes, per
notebook, the executed notebook and an HTML report without code cells into DIR
(default out/reports). Exits non-zero when any cell fails, TypeScript type errors included.

  <notebook>      a path to an .ipynb file, a name in notebooks/ (${KIT_NOTEBOOKS.join(", ")}), or "all"
  --from, --to    the report window as UTC days YYYY-MM-DD, both included; --to today
                  includes today's partial day
  --days N        the N complete UTC days before today (default 14); with --to, the N days
                  ending with --to. The window is computed once and passed to every notebook
                  as KIT_FROM / KIT_TO, so a rerun for the same days gives the same numbers
  --out DIR       output folder (KIT_OUT; the notebooks also save their findings there as CSV)
  --archive DIR   read a Parquet archive written by npm run sync instead of the live APIs
                  (KIT_ARCHIVE): history beyond Anaplan's 30 days and EPM's 30-120
  --timeout S     longest run of one cell in seconds (default 600)

Credentials come from the environment (ANAPLAN_*, EPM_*; see README). Without any, each notebook
starts the built-in simulator and says so in its first cell.
Needs Jupyter for /usr/bin/python3 (or KIT_PYTHON). On Debian or Ubuntu:
  sudo apt-get install -y jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel
`;

interface Args {
  archive?: string;
  from?: string;
  to?: string;
  days?: string;
  out: string;
  timeout: string;
  help: boolean;
}

function notebookPath(name: string): string {
  if (existsSync(name)) return name;
  const inFolder = join(packageRoot(), "notebooks", name.endsWith(".ipynb") ? name : `${name}.ipynb`);
  if (existsSync(inFolder)) return inFolder;
  throw new Error(
    `No notebook "${name}": give a path to an .ipynb file or one of ${KIT_NOTEBOOKS.join(", ")}, all.`,
  );
}

/**
 * `npm run report`: runs notebooks headless into HTML reports.
 *
 * @param argv - command-line arguments (without node and the script)
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
  let args: Args;
  let names: string[];
  let window: UtcDayWindow;
  try {
    const parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        archive: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        days: { type: "string" },
        out: { type: "string", default: "out/reports" },
        timeout: { type: "string", default: "600" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
    args = parsed.values as Args;
    names = parsed.positionals;
    if (args.help) {
      process.stdout.write(HELP);
      return 0;
    }
    if (names.length === 0) throw new Error("Name at least one notebook (or all).");
    if (args.from !== undefined && args.to === undefined) throw new Error("Give both --from and --to.");
    // Computed once, against one "now": every notebook of the run gets the same two days.
    window = resolveReportWindow({ from: args.from, to: args.to, days: args.days }, Date.now(), {
      from: "--from",
      to: "--to",
      days: "--days",
    });
    if (!/^\d+$/.test(args.timeout)) throw new Error(`--timeout takes seconds, got ${args.timeout}.`);
    names = names.flatMap((n) => (n === "all" ? [...KIT_NOTEBOOKS] : [n])).map(notebookPath);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  for (const notebook of names) {
    process.stderr.write(`Running ${relative(process.cwd(), notebook)} …\n`);
    try {
      const done = await runNotebook({
        notebook,
        outDir: args.out,
        window,
        // The kernel runs in the notebook's folder: pass the archive as an absolute path.
        env: args.archive === undefined ? env : { ...env, KIT_ARCHIVE: resolve(args.archive) },
        cellTimeoutSeconds: Number(args.timeout),
      });
      process.stdout.write(
        `${relative(process.cwd(), notebook)}: ${done.seconds.toFixed(1)} s → ${relative(process.cwd(), done.html)} (executed: ${relative(process.cwd(), done.executed)})\n`,
      );
    } catch (error) {
      const code = isKitError(error) ? error.code : undefined;
      process.stderr.write(
        `\nreport failed${code ? ` (${code})` : ""}: ${error instanceof Error ? error.message : String(error)}\n`,
      );
      return code === "E_JUPYTER_MISSING" ? 2 : 1;
    }
  }
  return 0;
}

runIfMain(import.meta.url, "report", report);
