import { join, relative } from "node:path";
import { isKitError } from "../errors/kit-error.js";
import { packageRoot } from "./kernel-spec.js";
import {
  hasJupyter,
  JUPYTER_APT_COMMAND,
  jupyterPython,
  type NotebookReport,
  runNotebook,
} from "./run-notebook.js";

/**
 * The notebooks the kit ships, in the order a review reads them.
 *
 * @example
 * ```ts
 * KIT_NOTEBOOKS //=> ["anaplan-audit", "epm-access-audit", "access-review", "findings", "entitlement-review"]
 * ```
 */
export const KIT_NOTEBOOKS = Object.freeze([
  "anaplan-audit",
  "epm-access-audit",
  "access-review",
  "findings",
  "entitlement-review",
] as const);

/** Options of {@link runNotebookReports}. */
export interface RunNotebookReportsOptions {
  /** Folder for the executed notebooks and HTML reports. */
  outDir: string;
  /** Which notebooks (names in notebooks/ or paths). @default all of {@link KIT_NOTEBOOKS} */
  notebooks?: readonly string[];
  /** Report window. @default the notebooks' default (14 days) */
  window?: { from?: string | undefined; to?: string | undefined; days?: number | undefined };
  /** The environment for the kernels (credentials pass through). @default process.env */
  env?: Record<string, string | undefined>;
  /** Where progress lines go. @default stdout */
  print?: (line: string) => void;
}

/** What {@link runNotebookReports} did. */
export interface NotebookReportsResult {
  /** "ok": all reports written; "failed": a notebook failed; "no-jupyter": nothing run. */
  status: "ok" | "failed" | "no-jupyter";
  /** The reports written. */
  reports: NotebookReport[];
}

/**
 * Runs the kit's notebooks headless one after the other and writes their HTML reports — what
 * `epm-audit-kit demo` does at its end. Without Jupyter it prints how to install it and runs nothing.
 *
 * @param options - output folder, notebooks, window, environment, printer
 * @returns the status and the reports written
 * @example
 * ```ts
 * const { status, reports } = await runNotebookReports({ outDir: "out/reports" });
 * ```
 */
export async function runNotebookReports(options: RunNotebookReportsOptions): Promise<NotebookReportsResult> {
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const env = options.env ?? process.env;
  const python = jupyterPython(env);
  if (!hasJupyter(python)) {
    print(`HTML reports skipped: Jupyter is not installed for ${python}. To get them, install it and rerun:`);
    print(`  ${JUPYTER_APT_COMMAND}`);
    return { status: "no-jupyter", reports: [] };
  }
  const reports: NotebookReport[] = [];
  for (const name of options.notebooks ?? KIT_NOTEBOOKS) {
    const notebook = name.endsWith(".ipynb") ? name : join(packageRoot(), "notebooks", `${name}.ipynb`);
    try {
      const report = await runNotebook({
        notebook,
        outDir: options.outDir,
        window: options.window ?? {},
        env,
        python,
      });
      reports.push(report);
      print(`  ${name}: ${report.seconds.toFixed(1)} s → ${relative(process.cwd(), report.html)}`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      print(
        `  ${name}: FAILED${isKitError(error) ? "" : " (unexpected)"}: ${message.replace(/\s*\n\s*/g, " | ")}`,
      );
      return { status: "failed", reports };
    }
  }
  return { status: "ok", reports };
}
