import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, delimiter, dirname, join, resolve } from "node:path";
import { NotebookError } from "../errors/notebook-error.js";
import { EXECUTE_NOTEBOOK_PY } from "./execute-notebook.py.js";
import { KERNEL_NAME, writeKernelSpec } from "./kernel-spec.js";
import { selfContainedHtml } from "./self-contained-html.js";

/**
 * The Debian packages that give `python3` what headless notebooks need.
 *
 * @example
 * ```ts
 * if (!hasJupyter(jupyterPython())) console.error(`Install Jupyter: ${JUPYTER_APT_COMMAND}`);
 * ```
 */
export const JUPYTER_APT_COMMAND =
  "sudo apt-get install -y jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel";

/** Options of {@link runNotebook}. */
export interface RunNotebookOptions {
  /** The .ipynb file. */
  notebook: string;
  /** Folder for the executed notebook, the HTML report and the files the notebook saves. */
  outDir: string;
  /** Report window: `from`/`to` (YYYY-MM-DD, inclusive) or `days`; passed as KIT_* variables. @default the notebook's default (14 days) */
  window?: { from?: string | undefined; to?: string | undefined; days?: number | undefined };
  /** The environment for the kernel (credentials pass through). @default process.env */
  env?: Record<string, string | undefined>;
  /** Python with Jupyter. @default KIT_PYTHON, else /usr/bin/python3, else python3 */
  python?: string;
  /** Longest run of one cell, in seconds. @default 600 */
  cellTimeoutSeconds?: number;
}

/** A notebook that ran top to bottom. */
export interface NotebookReport {
  notebook: string;
  /** The executed notebook (with outputs). */
  executed: string;
  /** The HTML report, without code cells, self-contained (nothing loaded from elsewhere). */
  html: string;
  /** Wall time of execution and export, in seconds. */
  seconds: number;
}

/**
 * The Python to run Jupyter with: `KIT_PYTHON`, else Debian's /usr/bin/python3 (a `python3` on
 * PATH may be a pyenv shim without Jupyter), else `python3`.
 *
 * @param env - the environment. @default process.env
 * @returns the Python executable
 * @example
 * ```ts
 * jupyterPython({}) //=> "/usr/bin/python3"
 * ```
 */
export function jupyterPython(env: Record<string, string | undefined> = process.env): string {
  return env.KIT_PYTHON || (existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
}

/**
 * Tells whether `python` has Jupyter's nbconvert, nbclient and jupyter_client.
 *
 * @param python - the Python executable
 * @returns true when all three import
 * @example
 * ```ts
 * if (!hasJupyter("/usr/bin/python3")) console.log(JUPYTER_APT_COMMAND);
 * ```
 */
export function hasJupyter(python: string): boolean {
  const probe = spawnSync(python, ["-c", "import nbconvert, nbclient, jupyter_client, nbformat"], {
    stdio: "ignore",
  });
  return probe.status === 0;
}

/**
 * Refuses early, before anything starts, when Jupyter is missing.
 *
 * @param python - the Python executable
 * @param notebook - for the error's details
 * @throws {@link NotebookError} `E_JUPYTER_MISSING` with the apt-get command
 * @example
 * ```ts
 * assertJupyter(jupyterPython(), "notebooks/anaplan-audit.ipynb");
 * ```
 */
export function assertJupyter(python: string, notebook: string): void {
  if (hasJupyter(python)) return;
  throw new NotebookError(
    "E_JUPYTER_MISSING",
    `Jupyter is not installed for ${python} (nbconvert, nbclient and jupyter_client are needed to run notebooks headless). On Debian or Ubuntu: ${JUPYTER_APT_COMMAND} — or set KIT_PYTHON to a Python that has them.`,
    { notebook },
  );
}

/**
 * Executes a notebook headless with Jupyter's nbconvert and the kit's tslab kernel, then exports
 * a self-contained HTML report without code cells. Parameters reach the notebook as environment
 * variables (KIT_FROM/KIT_TO or KIT_DAYS, KIT_OUT). Any failing cell fails the run — TypeScript
 * type errors included (tslab fails the cell; as a second check, TypeScript diagnostics in any
 * cell's stderr also count). The kernel is registered for this run only, in a temporary folder
 * put first on JUPYTER_PATH and removed afterwards: nothing is linked or installed.
 *
 * @param options - notebook, output folder, window, environment
 * @returns the executed notebook, the HTML report and the time taken
 * @throws {@link NotebookError} `E_JUPYTER_MISSING` (with the apt-get command) or `E_NOTEBOOK`
 *   (which cell, its error output, where the partly executed notebook is)
 * @example
 * ```ts
 * const report = await runNotebook({ notebook: "notebooks/access-review.ipynb", outDir: "out/reports", window: { days: 30 } });
 * console.log(report.html, report.seconds);
 * ```
 */
export async function runNotebook(options: RunNotebookOptions): Promise<NotebookReport> {
  const started = performance.now();
  const job = prepareJob(options);
  const kernelHome = mkdtempSync(join(tmpdir(), "epm-audit-kit-kernel-"));
  try {
    writeKernelSpec(kernelHome);
    const env = kernelEnvironment(options, job.outDir, kernelHome);
    await executeNotebook(job, env, options.cellTimeoutSeconds ?? 600);
    const html = await exportHtml(job, env);
    return {
      notebook: job.notebook,
      executed: job.executed,
      html,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    rmSync(kernelHome, { recursive: true, force: true });
  }
}

/** Paths of one run. */
interface Job {
  notebook: string;
  name: string;
  outDir: string;
  executed: string;
  /** The notebook's folder: the kernel's working directory. */
  cwd: string;
  python: string;
}

/** Resolves the paths and checks Jupyter and the notebook are there; creates the output folder. */
function prepareJob(options: RunNotebookOptions): Job {
  const notebook = resolve(options.notebook);
  const python = options.python ?? jupyterPython(options.env ?? process.env);
  assertJupyter(python, notebook);
  if (!existsSync(notebook))
    throw new NotebookError("E_NOTEBOOK", `No notebook at ${notebook}.`, { notebook });
  const outDir = resolve(options.outDir);
  mkdirSync(outDir, { recursive: true });
  const name = basename(notebook, ".ipynb");
  return { notebook, name, outDir, executed: join(outDir, `${name}.ipynb`), cwd: dirname(notebook), python };
}

/** The kernel's environment: the run's kernelspec first, this Node first, the window as KIT_*. */
function kernelEnvironment(
  options: RunNotebookOptions,
  outDir: string,
  kernelHome: string,
): NodeJS.ProcessEnv {
  const base = options.env ?? process.env;
  const env: NodeJS.ProcessEnv = {
    ...base,
    JUPYTER_PATH: [kernelHome, base.JUPYTER_PATH].filter(Boolean).join(delimiter),
    PATH: [dirname(process.execPath), base.PATH].filter(Boolean).join(delimiter),
    KIT_OUT: outDir,
    PYDEVD_DISABLE_FILE_VALIDATION: "1",
  };
  for (const key of ["KIT_FROM", "KIT_TO", "KIT_DAYS"]) delete env[key];
  const w = options.window ?? {};
  if (w.from !== undefined) env.KIT_FROM = w.from;
  if (w.to !== undefined) env.KIT_TO = w.to;
  if (w.days !== undefined) env.KIT_DAYS = String(w.days);
  return env;
}

/** Runs every cell; throws naming the first failing cell (the partly executed notebook is kept). */
async function executeNotebook(job: Job, env: NodeJS.ProcessEnv, timeoutSeconds: number): Promise<void> {
  const args = [
    "-c",
    EXECUTE_NOTEBOOK_PY,
    job.notebook,
    job.executed,
    KERNEL_NAME,
    String(timeoutSeconds),
    job.cwd,
  ];
  const exec = await run(job.python, args, env, job.cwd);
  const summary = /\{"failedCell": (null|\d+)\}/.exec(exec.stdout);
  if (exec.code !== 0 || !summary || !existsSync(job.executed)) {
    throw new NotebookError(
      "E_NOTEBOOK",
      `Could not execute ${basename(job.notebook)} with Jupyter (exit ${exec.code}): ${lastLines(exec.stderr)}`,
      { notebook: job.notebook },
    );
  }
  const cells = (JSON.parse(readFileSync(job.executed, "utf8")) as { cells: Cell[] }).cells;
  const failed =
    summary[1] === "null" ? cells.findIndex((c) => TS_DIAGNOSTIC.test(stderrOf(c))) : Number(summary[1]);
  if (failed < 0) return;
  const cell = cells[failed];
  const output = cell ? stderrOf(cell).trim() : "";
  const source = cell ? text(cell.source).split("\n")[0] : "";
  throw new NotebookError(
    "E_NOTEBOOK",
    `${basename(job.notebook)}: cell ${failed + 1} failed (${source}…):\n${output || "(no error output)"}\nThe partly executed notebook is ${job.executed}.`,
    { notebook: job.notebook, cell: failed + 1, output, executed: job.executed },
  );
}

/** nbconvert to HTML without code and prompts, then drops everything loaded from elsewhere. */
async function exportHtml(job: Job, env: NodeJS.ProcessEnv): Promise<string> {
  const html = join(job.outDir, `${job.name}.html`);
  const args = ["-m", "jupyter", "nbconvert", "--to", "html", "--no-input", "--no-prompt"];
  const exported = await run(
    job.python,
    [...args, "--output-dir", job.outDir, "--output", job.name, job.executed],
    env,
    job.cwd,
  );
  if (exported.code !== 0 || !existsSync(html)) {
    throw new NotebookError(
      "E_NOTEBOOK",
      `nbconvert could not export ${job.executed} to HTML (exit ${exported.code}): ${lastLines(exported.stderr)}`,
      { notebook: job.notebook, executed: job.executed },
    );
  }
  writeFileSync(html, selfContainedHtml(readFileSync(html, "utf8")));
  return html;
}

/** Kept of a child's stdout and stderr: the last 64 KiB (the summary line and the error are last). */
const OUTPUT_LIMIT = 65_536;

function run(command: string, args: string[], env: NodeJS.ProcessEnv, cwd: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done, fail) => {
    const child = spawn(command, args, { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => {
      stdout = (stdout + b.toString()).slice(-OUTPUT_LIMIT);
    });
    child.stderr.on("data", (b: Buffer) => {
      stderr = (stderr + b.toString()).slice(-OUTPUT_LIMIT);
    });
    child.on("error", fail);
    child.on("close", (code) => done({ code, stdout, stderr }));
  });
}

const lastLines = (stderr: string) => stderr.trim().split("\n").slice(-5).join("\n");

interface Cell {
  cell_type: string;
  source: string | string[];
  outputs?: Array<{ output_type: string; name?: string; text?: string | string[] }>;
}
const text = (t: string | string[] | undefined) => (Array.isArray(t) ? t.join("") : (t ?? ""));
const stderrOf = (cell: Cell) =>
  (cell.outputs ?? [])
    .filter((o) => o.output_type === "stream" && o.name === "stderr")
    .map((o) => text(o.text))
    .join("");
/** tslab prints TypeScript diagnostics as "line:col - message". */
const TS_DIAGNOSTIC = /^\d+:\d+ - .+/m;
