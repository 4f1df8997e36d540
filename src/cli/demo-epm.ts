import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type pl from "nodejs-polars";
import { EpmClient, type EpmClientCommonOptions, type EpmClientOptions } from "../epm/epm-client.js";
import { EPM_REPORTS, type EpmReportName } from "../epm/epm-report-definitions.js";
import { type Simulator, startSimulator } from "../simulator/start-simulator.js";
import { epmOptionsFromEnv } from "./epm-options-from-env.js";

/** Options of {@link runEpmDemo}. */
export interface EpmDemoOptions {
  /** Output directory (created). */
  outDir: string;
  /** Prints one line of the summary. @default writes to stdout */
  log?: (line: string) => void;
  /** A running simulator to use when no EPM_* variables are set. @default starts (and stops) its own */
  sim?: Simulator | undefined;
  /** Days of audit history, ending today (capped per report at its retention). @default 30 */
  days?: number;
  /** The window as inclusive UTC days (wins over `days`; its start is capped per report at its retention). @default the last `days` */
  window?: { from: string; to: string } | undefined;
  /** Environment to read EPM_URL, EPM_USERNAME, EPM_PASSWORD, EPM_TOKEN from. @default process.env */
  env?: Record<string, string | undefined>;
  /** Client settings on top (e.g. pollIntervalMs). @default 200 ms polls against the simulator, else none */
  client?: Partial<EpmClientCommonOptions>;
}

/** What one report gave. */
export interface EpmDemoReport {
  rows: number;
  columns: string[];
  /** Files written (Parquet and CSV). */
  files: string[];
}

/** Result of {@link runEpmDemo}. */
export interface EpmDemoResult {
  /** Where the reports came from. */
  source: "simulator" | "pod";
  reports: Record<EpmReportName, EpmDemoReport>;
}

const NAMES = Object.keys(EPM_REPORTS) as EpmReportName[];
const DAY_MS = 86_400_000;

/**
 * The Oracle EPM part of `epm-audit-kit demo`: fetches the six security and audit reports — from a
 * real pod when `EPM_URL` and `EPM_USERNAME` + `EPM_PASSWORD` (or `EPM_TOKEN`) are set, else from
 * the simulator — prints their row counts and columns, and writes `epm-<report>.parquet` and
 * `.csv` to `outDir`.
 *
 * @param options - output directory, printer, simulator, days, environment
 * @returns where the data came from, and rows, columns and files per report
 * @throws ValidationError for incomplete EPM_* settings; the client's errors otherwise
 * @example
 * ```ts
 * const result = await runEpmDemo({ outDir: "out", log: console.log });
 * result.reports.userLogins.rows //=> e.g. 3268
 * ```
 */
export async function runEpmDemo(options: EpmDemoOptions): Promise<EpmDemoResult> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const fromEnv = epmOptionsFromEnv(options.env ?? process.env);
  const ownSim = fromEnv || options.sim ? undefined : await startSimulator({ port: 0, seed: 1 });
  const sim = options.sim ?? ownSim;
  // The simulator's jobs finish after two polls: poll it briskly so the demo stays quick.
  const base: EpmClientOptions = fromEnv ?? { ...sim!.epm.clientOptions, pollIntervalMs: 200 };
  const epm = new EpmClient({ ...base, ...options.client } as EpmClientOptions);
  try {
    const now = sim && !fromEnv ? sim.clock.now() : Date.now();
    log(
      fromEnv
        ? `Oracle EPM: using the pod at ${epm.url}.`
        : `Oracle EPM: no EPM_URL set, using the simulator at ${epm.url} (set EPM_URL with EPM_USERNAME and EPM_PASSWORD, or EPM_TOKEN, for a real pod).`,
    );
    const frames = await Promise.all(
      NAMES.map((name) => epm.reports.fetch(name, windowFor(epm.retentionDays(name), options, now))),
    );
    await mkdir(options.outDir, { recursive: true });
    const reports = {} as Record<EpmReportName, EpmDemoReport>;
    NAMES.forEach((name, i) => {
      const df = frames[i]!;
      const window = windowFor(epm.retentionDays(name), options, now);
      const files = write(df, join(options.outDir, `epm-${kebab(name)}`));
      reports[name] = { rows: df.height, columns: df.columns, files };
      const span = window ? ` ${window.from}..${window.to}` : " (current)";
      log(
        `  ${name.padEnd(21)} ${String(df.height).padStart(6)} rows${span.padEnd(24)} ${df.columns.join(", ")}`,
      );
    });
    log(`  self-assignments: ${selfAssigned(frames[0]!)} group, ${selfAssigned(frames[1]!)} role changes`);
    log(`  wrote ${NAMES.map((n) => `epm-${kebab(n)}`).join(", ")} (.parquet and .csv) to ${options.outDir}`);
    return { source: fromEnv ? "pod" : "simulator", reports };
  } finally {
    await epm.close();
    await ownSim?.close();
  }
}

/** The days a dated report is asked for: the window (or the last `days`), its start capped at the retention. */
function windowFor(
  retention: number | undefined,
  options: Pick<EpmDemoOptions, "days" | "window">,
  now: number,
): { from: string; to: string } | undefined {
  if (retention === undefined) return undefined;
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const oldest = day(today - retention * DAY_MS);
  if (options.window) {
    const from = options.window.from < oldest ? oldest : options.window.from;
    return { from, to: options.window.to };
  }
  const back = Math.min(Math.max(1, options.days ?? 30) - 1, retention);
  return { from: day(today - back * DAY_MS), to: day(today) };
}

function write(df: pl.DataFrame, base: string): string[] {
  df.writeParquet(`${base}.parquet`);
  df.writeCSV(`${base}.csv`);
  return [`${base}.parquet`, `${base}.csv`];
}

function selfAssigned(df: pl.DataFrame): number {
  return (df.toRecords() as Array<{ name?: unknown; performedBy?: unknown }>).filter(
    (r) => typeof r.name === "string" && r.name === r.performedBy,
  ).length;
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
