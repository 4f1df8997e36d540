import type pl from "nodejs-polars";
import { AnaplanClient, type AnaplanClientOptions } from "../anaplan/anaplan-client.js";
import { anaplanOptionsFromEnv } from "../anaplan/options-from-env.js";
import { type ProgressUpdate, progress } from "../display/progress.js";
import { EpmClient, type EpmClientOptions } from "../epm/epm-client.js";
import type { EpmReportName } from "../epm/epm-report-definitions.js";
import { ValidationError } from "../errors/validation-error.js";
import { type Simulator, startSimulator } from "../simulator/start-simulator.js";
import { openArchiveRun } from "./archive-audit-run.js";
import { epmOptionsFromEnv } from "./epm-options-from-env.js";
import { type ReportParameters, readReportParameters } from "./report-parameters.js";
import { saveFrames } from "./save-frames.js";

/** Where a notebook's data comes from, and the window it covers. */
export interface AuditRun {
  /** "archive" with KIT_ARCHIVE, "tenants" when credentials are in the environment, else "simulator". */
  source: "tenants" | "simulator" | "archive";
  /** The window, days and output folder (from KIT_* variables). */
  parameters: ReportParameters;
  /** The Anaplan client, when Anaplan is configured (always with the simulator). */
  anaplan: AnaplanClient | undefined;
  /** The EPM client, when EPM is configured (always with the simulator). */
  epm: EpmClient | undefined;
  /** The running simulator, in simulator mode. */
  simulator: Simulator | undefined;
  /** What the run uses, in words (shown by the notebooks' first cell). */
  description: string;
  /** Anaplan audit events of the window, with a progress indicator. */
  anaplanEvents(): Promise<pl.DataFrame>;
  /** All Anaplan users, with a progress indicator. */
  anaplanUsers(): Promise<pl.DataFrame>;
  /** EPM reports by name (audit reports over the window's days), one progress step per report. */
  epmReports<N extends EpmReportName>(names: readonly N[]): Promise<Record<N, pl.DataFrame>>;
  /** Writes frames as CSV files named after their keys into the output folder; returns the paths. */
  save(frames: Record<string, pl.DataFrame>): string[];
  /** Closes the clients and stops the simulator. */
  close(): Promise<void>;
}

/** The EPM reports that take a date range. */
const AUDIT_REPORTS: readonly EpmReportName[] = [
  "groupAssignmentAudit",
  "roleAssignmentAudit",
  "invalidLogins",
  "userLogins",
];

/**
 * Opens what a notebook needs: the Parquet archive at `KIT_ARCHIVE` when set (history beyond the
 * APIs' retention, see {@link openArchiveRun}); else clients for the real tenants when
 * credentials are set (`ANAPLAN_*`, `EPM_*`), else the built-in simulator (seed `KIT_SEED`,
 * default 1) with clients pointed at it; and the window from `KIT_FROM`/`KIT_TO` or `KIT_DAYS`.
 *
 * @param env - the environment. @default process.env
 * @returns the run; call `close()` at the end
 * @throws {@link ValidationError} for bad KIT_* parameters or incomplete credentials
 * @example
 * ```ts
 * const run = await openAuditRun(process.env);
 * console.log(run.description);
 * const events = await run.anaplanEvents();
 * await run.close();
 * ```
 */
export async function openAuditRun(env: Record<string, string | undefined> = process.env): Promise<AuditRun> {
  const archive = env.KIT_ARCHIVE?.trim();
  if (archive) return openArchiveRun(archive, env);
  const anaplanOptions = anaplanOptionsFromEnv(env);
  const epmOptions = epmOptionsFromEnv(env);
  const real = anaplanOptions !== undefined || epmOptions !== undefined;
  const seed = Number(env.KIT_SEED ?? "1");
  const simulator = real ? undefined : await startSimulator({ port: 0, seed });
  let sink: ((u: ProgressUpdate) => void) | undefined;
  const onProgress = (u: ProgressUpdate) => sink?.(u);
  let anaplan: AnaplanClient | undefined;
  let epm: EpmClient | undefined;
  let parameters: ReportParameters;
  try {
    const simNow = simulator ? () => simulator.clock.now() : undefined;
    const anaplanSetup: AnaplanClientOptions | undefined = simulator
      ? { ...simulator.anaplan.credentials, ...simulator.anaplan.urls, now: simNow }
      : anaplanOptions;
    const epmSetup: EpmClientOptions | undefined = simulator ? simulator.epm.clientOptions : epmOptions;
    anaplan = anaplanSetup ? new AnaplanClient({ ...anaplanSetup, onProgress }) : undefined;
    epm = epmSetup ? new EpmClient(epmSetup) : undefined;
    parameters = readReportParameters(env, simNow ? simNow() : Date.now());
  } catch (error) {
    await Promise.allSettled([anaplan?.close(), epm?.close(), simulator?.close()]);
    throw error;
  }
  const systems = [anaplan ? "Anaplan" : undefined, epm ? "Oracle EPM" : undefined]
    .filter(Boolean)
    .join(" and ");
  const description = simulator
    ? `Data: the built-in simulator (seed ${seed}, synthetic Anaplan and Oracle EPM tenants) — no ANAPLAN_* or EPM_* credentials are set. Window: ${parameters.description}.`
    : `Data: your ${systems} tenant${anaplan && epm ? "s" : ""} (credentials from ANAPLAN_*/EPM_* environment variables). Window: ${parameters.description}.`;

  const needAnaplan = (): AnaplanClient => {
    if (anaplan) return anaplan;
    throw new ValidationError(
      "This notebook needs Anaplan: set ANAPLAN_EMAIL and ANAPLAN_PASSWORD (or ANAPLAN_CERTIFICATE + ANAPLAN_PRIVATE_KEY, or ANAPLAN_TOKEN), or unset EPM_* to use the simulator.",
    );
  };
  const withProgress = async <T>(
    label: string,
    work: () => Promise<T>,
    note: (t: T) => string,
  ): Promise<T> => {
    const bar = progress(label);
    sink = bar;
    try {
      const result = await work();
      bar.finish(note(result));
      return result;
    } finally {
      sink = undefined;
    }
  };
  const rows = (df: pl.DataFrame) => `${df.height.toLocaleString("en-US")} rows`;

  return {
    source: simulator ? "simulator" : "tenants",
    parameters,
    anaplan,
    epm,
    simulator,
    description,
    anaplanEvents: () =>
      withProgress(
        "Anaplan audit events",
        () => needAnaplan().audit.getEvents({ from: parameters.window.from, to: parameters.window.to }),
        rows,
      ),
    anaplanUsers: () => withProgress("Anaplan users", () => needAnaplan().audit.listUsers(), rows),
    async epmReports<N extends EpmReportName>(names: readonly N[]): Promise<Record<N, pl.DataFrame>> {
      if (!epm) {
        throw new ValidationError(
          "This notebook needs Oracle EPM: set EPM_URL with EPM_USERNAME and EPM_PASSWORD (or EPM_TOKEN), or unset ANAPLAN_* to use the simulator.",
        );
      }
      const client = epm;
      const bar = progress("Oracle EPM reports");
      let done = 0;
      bar({ phase: "jobs submitted", done, total: names.length });
      // One EPM job per report, run side by side: each waits mostly on the service.
      const frames = await Promise.all(
        names.map(async (name) => {
          const df = await client.reports.fetch(
            name,
            AUDIT_REPORTS.includes(name) ? parameters.days : undefined,
          );
          bar({ phase: name, done: ++done, total: names.length });
          return [name, df] as const;
        }),
      );
      const out = Object.fromEntries(frames) as Record<N, pl.DataFrame>;
      bar.finish(frames.map(([n, df]) => `${n} ${df.height.toLocaleString("en-US")}`).join(", "));
      return out;
    },
    save: (frames) => saveFrames(parameters.outDir, frames),
    async close() {
      await Promise.allSettled([anaplan?.close(), epm?.close()]);
      await simulator?.close();
    },
  };
}
