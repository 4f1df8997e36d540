import type pl from "nodejs-polars";
import { ANAPLAN_DEFAULT_URLS, AnaplanClient, type AnaplanClientOptions } from "../anaplan/anaplan-client.js";
import { RETENTION_MS } from "../anaplan/audit/time-window.js";
import { anaplanOptionsFromEnv } from "../anaplan/options-from-env.js";
import { ANAPLAN_EVENT_SCHEMA, frameFromColumns } from "../anaplan/schemas.js";
import { type ProgressUpdate, progress } from "../display/progress.js";
import { coverageStatus, type DayWindow } from "../display/provenance.js";
import { EpmClient, type EpmClientOptions } from "../epm/epm-client.js";
import { EPM_REPORTS, type EpmReportName } from "../epm/epm-report-definitions.js";
import { IncompleteResultError } from "../errors/incomplete-result-error.js";
import { ValidationError } from "../errors/validation-error.js";
import { type Simulator, startSimulator } from "../simulator/start-simulator.js";
import { openArchiveRun } from "./archive-audit-run.js";
import type { AuditRun } from "./audit-run-type.js";
import { epmOptionsFromEnv } from "./epm-options-from-env.js";
import { liveEntitlementSnapshots } from "./live-entitlement-snapshots.js";
import { type ReportParameters, readReportParameters } from "./report-parameters.js";
import { withFindings } from "./run-findings.js";
import { RunProvenance } from "./run-provenance.js";
import { saveFrames } from "./save-frames.js";

export type { AuditRun } from "./audit-run-type.js";

const DAY_MS = 86_400_000;
/** Slack kept from the edge of Anaplan's 30 days, so the window is still inside when the fetch starts. */
const RETENTION_MARGIN_MS = 10 * 60_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Opens what a notebook needs: the Parquet archive at `KIT_ARCHIVE` when set (history beyond the
 * APIs' retention, see {@link openArchiveRun}); else clients for the real tenants when
 * credentials are set (`ANAPLAN_*`, `EPM_*`), else the built-in simulator (seed `KIT_SEED`,
 * default 1) with clients pointed at it; and the window from `KIT_FROM`/`KIT_TO` or `KIT_DAYS`.
 * Every read is recorded for the provenance block (`run.showProvenance()`): host or
 * "simulator", the days covered (a window older than a source's retention is read where the
 * source still holds it, and the rest is reported as a gap), rows and status.
 *
 * @param env - the environment. @default process.env
 * @returns the run; call `close()` at the end
 * @throws {@link ValidationError} for bad KIT_* parameters or incomplete credentials
 * @example
 * ```ts
 * const run = await openAuditRun(process.env);
 * run.showProvenance();
 * const found = await run.showFindings();
 * const events = await run.anaplanEvents();
 * await run.close();
 * ```
 */
export async function openAuditRun(env: Record<string, string | undefined> = process.env): Promise<AuditRun> {
  const archive = env.KIT_ARCHIVE?.trim();
  if (archive) return withFindings(await openArchiveRun(archive, env), env);
  const sources = await openLiveSources(env);
  return withFindings(liveRun(sources), env);
}

/** The clients (and simulator) of a live run, with what the provenance needs to name them. */
interface LiveSources {
  simulator: Simulator | undefined;
  seed: number;
  anaplan: AnaplanClient | undefined;
  epm: EpmClient | undefined;
  /** Host of the audit events, of the users API, and of EPM ("simulator" in simulator mode). */
  hosts: { events: string; users: string; epm: string };
  now: () => number;
  parameters: ReportParameters;
  /** Where the Anaplan client reports paging progress (the current progress bar, if any). */
  progressSink: { current: ((u: ProgressUpdate) => void) | undefined };
  /** KIT_ALLOW_INCOMPLETE=1 (`report --allow-incomplete`): keep partial events, marked INCOMPLETE. */
  allowIncomplete: boolean;
}

/** Starts the simulator or reads credentials, and builds the clients; closes what it opened on error. */
async function openLiveSources(env: Record<string, string | undefined>): Promise<LiveSources> {
  const anaplanOptions = anaplanOptionsFromEnv(env);
  const epmOptions = epmOptionsFromEnv(env);
  const seed = Number(env.KIT_SEED ?? "1");
  const simulated = anaplanOptions === undefined && epmOptions === undefined;
  const simulator = simulated ? await startSimulator({ port: 0, seed }) : undefined;
  const progressSink: LiveSources["progressSink"] = { current: undefined };
  const onProgress = (u: ProgressUpdate) => progressSink.current?.(u);
  let anaplan: AnaplanClient | undefined;
  let epm: EpmClient | undefined;
  try {
    const now = simulator ? () => simulator.clock.now() : () => Date.now();
    const anaplanSetup: AnaplanClientOptions | undefined = simulator
      ? { ...simulator.anaplan.credentials, ...simulator.anaplan.urls, now }
      : anaplanOptions;
    const epmSetup: EpmClientOptions | undefined = simulator ? simulator.epm.clientOptions : epmOptions;
    anaplan = anaplanSetup ? new AnaplanClient({ ...anaplanSetup, onProgress }) : undefined;
    epm = epmSetup ? new EpmClient(epmSetup) : undefined;
    const parameters = readReportParameters(env, now());
    const host = (url: string | undefined, fallback: string) =>
      simulator ? "simulator" : new URL(url ?? fallback).host;
    const hosts = {
      events: host(anaplanSetup?.auditUrl, ANAPLAN_DEFAULT_URLS.auditUrl),
      users: host(anaplanSetup?.apiUrl, ANAPLAN_DEFAULT_URLS.apiUrl),
      epm: epm ? host(epm.url, epm.url) : "—",
    };
    const allowIncomplete = env.KIT_ALLOW_INCOMPLETE === "1";
    return { simulator, seed, anaplan, epm, hosts, now, parameters, progressSink, allowIncomplete };
  } catch (error) {
    await Promise.allSettled([anaplan?.close(), epm?.close(), simulator?.close()]);
    throw error;
  }
}

/** The run's description line (shown by callers that print one). */
function describeLive(s: LiveSources): string {
  const window = `Window: ${s.parameters.description}.`;
  if (s.simulator) {
    return `Data: the built-in simulator (seed ${s.seed}, synthetic Anaplan and Oracle EPM tenants) — no ANAPLAN_* or EPM_* credentials are set. ${window}`;
  }
  const systems = [s.anaplan ? "Anaplan" : undefined, s.epm ? "Oracle EPM" : undefined].filter(Boolean);
  return `Data: your ${systems.join(" and ")} tenant${systems.length > 1 ? "s" : ""} (credentials from ANAPLAN_*/EPM_* environment variables). ${window}`;
}

/**
 * The part of `window` a source that keeps `retentionDays` still holds at `now`, in whole UTC
 * days: the window itself, or from the first whole UTC day inside the retention (with a small
 * margin so the fetch still starts inside it). Unlike the time module's `clampToRetention`,
 * which keeps the partial first day, a report states coverage in whole days.
 */
function wholeDaysInRetention(
  window: { from: number; to: number },
  retentionDays: number,
  now: number,
): { covered: { from: number; to: number } | null; clipped: boolean } {
  const earliest = now - retentionDays * DAY_MS + RETENTION_MARGIN_MS;
  if (window.from >= earliest) return { covered: window, clipped: false };
  const from = Math.ceil(earliest / DAY_MS) * DAY_MS;
  return { covered: from < window.to ? { from, to: window.to } : null, clipped: true };
}

/** Runs `work` with a progress indicator wired to the Anaplan client's paging reports. */
async function withProgress<T>(
  s: LiveSources,
  label: string,
  work: () => Promise<T>,
  note: (t: T) => string,
): Promise<T> {
  const bar = progress(label);
  s.progressSink.current = bar;
  try {
    const result = await work();
    bar.finish(note(result));
    return result;
  } finally {
    s.progressSink.current = undefined;
  }
}

const rowCount = (df: pl.DataFrame) => `${df.height.toLocaleString("en-US")} rows`;
const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 300);

function needAnaplan(s: LiveSources): AnaplanClient {
  if (s.anaplan) return s.anaplan;
  throw new ValidationError(
    "This notebook needs Anaplan: set ANAPLAN_EMAIL and ANAPLAN_PASSWORD (or ANAPLAN_CERTIFICATE + ANAPLAN_PRIVATE_KEY, or ANAPLAN_TOKEN), or unset EPM_* to use the simulator.",
  );
}

function needEpm(s: LiveSources): EpmClient {
  if (s.epm) return s.epm;
  throw new ValidationError(
    "This notebook needs Oracle EPM: set EPM_URL with EPM_USERNAME and EPM_PASSWORD (or EPM_TOKEN), or unset ANAPLAN_* to use the simulator.",
  );
}

/** Reads the window's Anaplan events (the part Anaplan still holds) and records what it covered. */
async function readAnaplanEvents(s: LiveSources, prov: RunProvenance): Promise<pl.DataFrame> {
  const client = needAnaplan(s);
  const { window, days } = s.parameters;
  const clamp = wholeDaysInRetention({ from: +window.from, to: +window.to }, 30, s.now());
  const base = { key: "anaplanEvents", label: "Anaplan audit events", host: s.hosts.events };
  const reason = clamp.clipped ? `Anaplan keeps audit events for ${RETENTION_MS / DAY_MS} days` : undefined;
  const covered: DayWindow | null = clamp.covered
    ? { from: clamp.clipped ? dayOf(clamp.covered.from) : days.from, to: days.to }
    : null;
  if (!clamp.covered) {
    prov.record({ ...base, status: "missing", covered: null, rows: 0, reason });
    return frameFromColumns(ANAPLAN_EVENT_SCHEMA, {}, 0);
  }
  const range = { from: new Date(clamp.covered.from), to: new Date(clamp.covered.to) };
  try {
    const result = await withProgress(
      s,
      "Anaplan audit events",
      () => client.audit.getEventsResult(range),
      (r) => rowCount(r.frame),
    );
    if (!result.complete) {
      // Exact or an error, unless the run asked for partial data (report --allow-incomplete):
      // then the source is marked INCOMPLETE in the provenance, with the counts that are short.
      if (!s.allowIncomplete) throw new IncompleteResultError(result.gaps);
      const short = result.gaps.map(
        (g) => `${g.got} of ${g.expected} events${g.from ? ` from ${new Date(g.from).toISOString()}` : ""}`,
      );
      prov.record({
        ...base,
        status: "partial",
        covered,
        rows: result.frame.height,
        reason: `INCOMPLETE: the server's totals never matched after ${result.gaps[0]?.passes ?? 5} passes (${short.join("; ")})`,
      });
      return result.frame;
    }
    const df = result.frame;
    prov.record({ ...base, status: coverageStatus(days, covered), covered, rows: df.height, reason });
    return df;
  } catch (error) {
    prov.record({ ...base, status: "failed", covered: null, reason: reasonOf(error) });
    throw error;
  }
}

/** Reads the Anaplan users (a current-state snapshot) and records it. */
async function readAnaplanUsers(s: LiveSources, prov: RunProvenance): Promise<pl.DataFrame> {
  const client = needAnaplan(s);
  const base = { key: "anaplanUsers", label: "Anaplan users", host: s.hosts.users };
  try {
    const df = await withProgress(s, "Anaplan users", () => client.audit.listUsers(), rowCount);
    prov.record({ ...base, status: "snapshot", covered: null, rows: df.height });
    return df;
  } catch (error) {
    prov.record({ ...base, status: "failed", covered: null, reason: reasonOf(error) });
    throw error;
  }
}

/** Reads one EPM report over the part of the window its retention still holds; records it. */
async function readEpmReport(
  s: LiveSources,
  client: EpmClient,
  name: EpmReportName,
  prov: RunProvenance,
): Promise<pl.DataFrame> {
  const def = EPM_REPORTS[name];
  const base = { key: name, label: `Oracle EPM ${def.title} report`, host: s.hosts.epm };
  const retention = client.retentionDays(name);
  try {
    if (retention === undefined) {
      const df = await client.reports.fetch(name, undefined);
      prov.record({ ...base, status: "snapshot", covered: null, rows: df.height });
      return df;
    }
    const { days } = s.parameters;
    const earliest = dayOf(Math.floor(s.now() / DAY_MS) * DAY_MS - retention * DAY_MS);
    const reason = days.from < earliest ? `the report reaches back ${retention} days` : undefined;
    const covered = { from: days.from < earliest ? earliest : days.from, to: days.to };
    if (covered.from > covered.to) {
      prov.record({ ...base, status: "missing", covered: null, rows: 0, reason });
      return frameFromColumns(def.schema, {}, 0);
    }
    const df = await client.reports.fetch(name, covered);
    prov.record({ ...base, status: coverageStatus(days, covered), covered, rows: df.height, reason });
    return df;
  } catch (error) {
    prov.record({ ...base, status: "failed", covered: null, reason: reasonOf(error) });
    throw error;
  }
}

/** Reads several EPM reports side by side (each waits mostly on the service), one progress step each. */
async function readEpmReports<N extends EpmReportName>(
  s: LiveSources,
  names: readonly N[],
  prov: RunProvenance,
): Promise<Record<N, pl.DataFrame>> {
  const client = needEpm(s);
  const bar = progress("Oracle EPM reports");
  let done = 0;
  bar({ phase: "jobs submitted", done, total: names.length });
  const frames = await Promise.all(
    names.map(async (name) => {
      const df = await readEpmReport(s, client, name, prov);
      bar({ phase: name, done: ++done, total: names.length });
      return [name, df] as const;
    }),
  );
  bar.finish(frames.map(([n, df]) => `${n} ${df.height.toLocaleString("en-US")}`).join(", "));
  return Object.fromEntries(frames) as Record<N, pl.DataFrame>;
}

/** The run over live sources (tenants or the simulator). */
function liveRun(s: LiveSources): Omit<AuditRun, "showFindings"> {
  const prov = new RunProvenance(s.parameters.days, s.parameters.window, s.now());
  return {
    source: s.simulator ? "simulator" : "tenants",
    parameters: s.parameters,
    anaplan: s.anaplan,
    epm: s.epm,
    simulator: s.simulator,
    description: describeLive(s),
    anaplanEvents: () => readAnaplanEvents(s, prov),
    anaplanUsers: () => readAnaplanUsers(s, prov),
    epmReports: (names) => readEpmReports(s, names, prov),
    entitlementSnapshots: () => liveEntitlementSnapshots(s.anaplan, s.epm, s.now()),
    provenance: () => prov.data(),
    showProvenance: () => prov.show(),
    emptyMessage: (what, source) => prov.emptyMessage(what, source),
    coveredWindow: (source) => prov.coveredWindow(source),
    save: (frames) => saveFrames(s.parameters.outDir, frames, prov.data()),
    async close() {
      await Promise.allSettled([s.anaplan?.close(), s.epm?.close()]);
      await s.simulator?.close();
    },
  };
}
