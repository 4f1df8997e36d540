import { realpath } from "node:fs/promises";
import { resolve } from "node:path";
import pl from "nodejs-polars";
import type { ArchiveDatasetName } from "../archive/archive-datasets.js";
import { ArchiveError } from "../archive/archive-error.js";
import type { ArchiveManifest } from "../archive/archive-manifest.js";
import { type ArchiveSummary, summarizeArchiveFrames } from "../archive/archive-summary.js";
import { readArchiveAt } from "../archive/object-store/read-object-archive.js";
import { isS3Uri } from "../archive/object-store/s3-uri.js";
import type { ArchiveFrames } from "../archive/read-archive.js";
import { progress } from "../display/progress.js";
import { coverageStatus, type DayWindow, type SourceProvenance } from "../display/provenance.js";
import { EPM_REPORTS, type EpmReportName } from "../epm/epm-report-definitions.js";
import type { AuditRun, EntitlementSnapshots } from "./audit-run-type.js";
import { intersectDays, touchedDays, wholeDays } from "./day-coverage.js";
import { readReportParameters } from "./report-parameters.js";
import { RunProvenance } from "./run-provenance.js";
import { saveFrames } from "./save-frames.js";

/**
 * What the archive covers of `requested` for one dataset, from its manifest: the whole days
 * between its watermarks, and the gaps it recorded (days the API no longer held at sync time).
 * A dataset absent from the manifest is "missing"; a snapshot dataset is "snapshot" (or missing).
 *
 * @param manifest - the archive's manifest
 * @param name - the dataset
 * @param requested - the requested days
 * @param base - key, label and host of the source
 * @returns the source's provenance, without `rows`
 * @example
 * ```ts
 * archiveCoverage(manifest, "events", { from: "2026-09-20", to: "2026-10-31" },
 *   { key: "anaplanEvents", label: "Anaplan audit events", host: "archive /a" }).status //=> "complete"
 * ```
 */
export function archiveCoverage(
  manifest: ArchiveManifest,
  name: ArchiveDatasetName,
  requested: DayWindow,
  base: Pick<SourceProvenance, "key" | "label" | "host">,
): SourceProvenance {
  const state = manifest.datasets[name];
  const snapshot = name === "users" || name === "roleAssignments" || name === "userGroups";
  if (snapshot) {
    return state?.lastSnapshot
      ? { ...base, status: "snapshot", covered: null, reason: `snapshot nearest ${requested.to}` }
      : { ...base, status: "missing", covered: null, reason: "the archive holds no snapshot" };
  }
  if (!state?.coveredFrom || !state.coveredTo) {
    return { ...base, status: "missing", covered: null, reason: "the archive holds none of this dataset" };
  }
  const held = wholeDays(Date.parse(state.coveredFrom), Date.parse(state.coveredTo));
  const covered = intersectDays(requested, held);
  const gaps = (state.gaps ?? [])
    .map((g) => intersectDays(requested, touchedDays(Date.parse(g.from), Date.parse(g.to))))
    .filter((g): g is DayWindow => g !== null);
  const reason = `archived ${held ? `${held.from} → ${held.to}` : "no whole day"}`;
  const status = coverageStatus(requested, covered, gaps);
  return { ...base, status, covered, gaps, reason: status === "complete" ? undefined : reason };
}

/**
 * Opens a notebook run over a Parquet archive (`KIT_ARCHIVE`) instead of the live APIs: the
 * same methods as a live run, reading the window's day partitions lazily, so a review can look
 * back a year although Anaplan keeps 30 days and EPM 30–120. The provenance says, per dataset,
 * which days of the window the archive holds (from its manifest), and warns for every gap.
 *
 * @param dir - the archive folder (as written by `npm run sync`), or `s3://bucket/prefix` (AWS_* settings from `env`)
 * @param env - the environment, for KIT_FROM/KIT_TO or KIT_DAYS and KIT_OUT
 * @param now - the current time in epoch ms, for KIT_DAYS @default Date.now()
 * @returns the run; `close()` removes the local copy of an `s3://` archive (nothing for a folder)
 * @throws ArchiveError when the folder is not an archive or holds a corrupt or foreign file (named)
 * @example
 * ```ts
 * const run = await openArchiveRun("archive", { KIT_FROM: "2026-01-01", KIT_TO: "2026-12-31" });
 * run.showProvenance();
 * const events = await run.anaplanEvents();
 * ```
 */
export async function openArchiveRun(
  dir: string,
  env: Record<string, string | undefined>,
  now: number = Date.now(),
): Promise<Omit<AuditRun, "showFindings">> {
  const parameters = readReportParameters(env, now);
  const frames = await readArchiveAt(dir, { from: parameters.window.from, to: parameters.window.to, env });
  const manifest = frames.manifest;
  const prov = new RunProvenance(parameters.days, parameters.window, now);
  const anaplanHost = archiveHost(dir, manifest, "anaplan");
  const read = (name: ArchiveDatasetName, key: string, label: string, host: string) =>
    readArchived(frames[name], archiveCoverage(manifest, name, parameters.days, { key, label, host }), prov);
  const covered = manifest.datasets.events?.coveredTo;
  let summary: Promise<ArchiveSummary> | undefined;
  const description = `Data: the Parquet archive at ${isS3Uri(dir) ? dir : resolve(dir)} (Anaplan events synced up to ${covered ?? "—"}). Window: ${parameters.description}.`;
  return {
    source: "archive",
    parameters,
    anaplan: undefined,
    epm: undefined,
    simulator: undefined,
    description,
    anaplanEvents: async () => {
      await refuseLargeWindow(frames.events, env);
      return read("events", "anaplanEvents", "Anaplan audit events", anaplanHost);
    },
    archiveSummary: () => {
      summary ??= summarizeArchived(dir, frames, parameters.window, (rows) =>
        prov.record({
          ...archiveCoverage(manifest, "events", parameters.days, {
            key: "anaplanEvents",
            label: "Anaplan audit events",
            host: anaplanHost,
          }),
          rows,
        }),
      );
      return summary;
    },
    anaplanUsers: () => read("users", "anaplanUsers", "Anaplan users", anaplanHost),
    async epmReports<N extends EpmReportName>(names: readonly N[]): Promise<Record<N, pl.DataFrame>> {
      const host = archiveHost(dir, manifest, "epm");
      const out = {} as Record<N, pl.DataFrame>;
      for (const name of names) {
        out[name] = await read(name, name, `Oracle EPM ${EPM_REPORTS[name].title} report`, host);
      }
      return out;
    },
    entitlementSnapshots: () => archivedEntitlementSnapshots(frames, parameters.days),
    provenance: () => prov.data(),
    showProvenance: () => prov.show(),
    emptyMessage: (what, source) => prov.emptyMessage(what, source),
    coveredWindow: (source) => prov.coveredWindow(source),
    save: (toSave) => saveFrames(parameters.outDir, toSave, prov.data()),
    close: () => frames.close(),
  };
}

/** Default of KIT_ARCHIVE_MAX_EVENTS: ~10M events collected whole take ~3-4 GB. */
const MAX_COLLECTED_EVENTS = 10_000_000;

/** Refuses to collect a window of more events than KIT_ARCHIVE_MAX_EVENTS: it would not fit in memory. */
async function refuseLargeWindow(
  events: pl.LazyDataFrame,
  env: Record<string, string | undefined>,
): Promise<void> {
  const limit = Number(env.KIT_ARCHIVE_MAX_EVENTS ?? MAX_COLLECTED_EVENTS);
  const count = await events.select(pl.len().alias("n")).collect();
  const n = Number(count.getColumn("n").get(0));
  if (Number.isFinite(limit) && n > limit) {
    throw new ArchiveError(
      "E_ARCHIVE_TOO_LARGE",
      `The window holds ${n.toLocaleString("en-US")} archived Anaplan events, more than the ${limit.toLocaleString("en-US")} a report collects whole (KIT_ARCHIVE_MAX_EVENTS): that would take several GB of memory. Use run.archiveSummary() (the anaplan-audit report does), a shorter window, or raise KIT_ARCHIVE_MAX_EVENTS.`,
      "anaplan/events",
    );
  }
}

/** The summary of the archive's events in the window, recorded in the provenance like a read. */
async function summarizeArchived(
  dir: string,
  frames: ArchiveFrames,
  window: { from: Date; to: Date },
  record: (rows: number) => void,
): Promise<ArchiveSummary> {
  const bar = progress("Anaplan audit events (summary)");
  bar({ phase: "reading the archive in batches", done: 0, total: 1 });
  const archive = isS3Uri(dir) ? undefined : await realpath(resolve(dir));
  const summary = await summarizeArchiveFrames(frames, { archive, from: window.from, to: window.to });
  bar.finish(`${summary.totals.events.toLocaleString("en-US")} events summarised from the archive`);
  record(summary.totals.events);
  return summary;
}

/** The archive's entitlement snapshots of the window plus the baseline before it; failed or missing days listed. */
async function archivedEntitlementSnapshots(
  frames: ArchiveFrames,
  days: DayWindow,
): Promise<EntitlementSnapshots> {
  const c = frames.entitlementCoverage;
  const incomplete: string[] = [];
  for (const [name, label] of [
    ["anaplanEntitlements", "Anaplan"],
    ["epmEntitlements", "Oracle EPM"],
  ] as const) {
    for (const f of c[name].failed)
      incomplete.push(`${label} entitlements ${f.day}: snapshot failed (${f.reason})`);
    const inside = c[name].days.filter((d) => d >= days.from && d <= days.to);
    if (inside.length === 0)
      incomplete.push(`${label} entitlements: no snapshot inside ${days.from} → ${days.to}`);
  }
  return {
    anaplan: await frames.anaplanEntitlements.collect(),
    epm: await frames.epmEntitlements.collect(),
    days: { anaplan: c.anaplanEntitlements.days, epm: c.epmEntitlements.days },
    baseline: { anaplan: c.anaplanEntitlements.baseline, epm: c.epmEntitlements.baseline },
    incomplete,
    derivedCompleteFrom: c.anaplanEntitlements.derivedCompleteFrom,
    note: "archive: one snapshot per synced UTC day inside the window, plus the latest before it (baseline)",
  };
}

/** Collects one archived dataset with a progress indicator, and records its coverage and rows. */
async function readArchived(
  lazy: pl.LazyDataFrame,
  coverage: SourceProvenance,
  prov: RunProvenance,
): Promise<pl.DataFrame> {
  const bar = progress(coverage.label);
  bar({ phase: "reading the archive", done: 0, total: 1 });
  const df = await lazy.collect();
  bar.finish(`${df.height.toLocaleString("en-US")} rows from the archive`);
  prov.record({ ...coverage, rows: df.height });
  return df;
}

/** "archive <folder>", with the host the archive was synced from when its manifest records it. */
function archiveHost(dir: string, manifest: ArchiveManifest, system: "anaplan" | "epm"): string {
  const url = manifest.origin?.[system];
  return `archive ${isS3Uri(dir) ? dir : resolve(dir)}${url ? ` (synced from ${hostOf(url)})` : ""}`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return url;
  }
}
