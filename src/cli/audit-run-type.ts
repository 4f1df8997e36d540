import type pl from "nodejs-polars";
import type { AnaplanClient } from "../anaplan/anaplan-client.js";
import type { ArchiveSummary } from "../archive/archive-summary.js";
import type { ProvenanceData } from "../display/provenance.js";
import type { EpmClient } from "../epm/epm-client.js";
import type { EpmReportName } from "../epm/epm-report-definitions.js";
import type { Simulator } from "../simulator/start-simulator.js";
import type { ReportParameters } from "./report-parameters.js";
import type { RunFindingsOptions, RunFindingsResult } from "./run-findings-types.js";

/**
 * Entitlement snapshots of a run: one state per UTC day per source, in ENTITLEMENT_SCHEMA
 * plus a `snapshot` column (YYYY-MM-DD). In archive mode the snapshots inside the window plus
 * the latest one before it (the baseline, so changes on the first day can be computed); in live
 * mode only the current state, fetched now (see `note`).
 *
 * @example
 * ```ts
 * const s: EntitlementSnapshots = await run.entitlementSnapshots();
 * entitlementChangesOverSnapshots(s.anaplan);
 * ```
 */
export interface EntitlementSnapshots {
  /** Anaplan entitlement rows of every snapshot day (baseline included), with `snapshot`. */
  anaplan: pl.DataFrame;
  /** Oracle EPM entitlement rows of every snapshot day (baseline included), with `snapshot`. */
  epm: pl.DataFrame;
  /** The snapshot days present in each frame, ascending (baseline day first when there is one). */
  days: { anaplan: string[]; epm: string[] };
  /** The day of the latest snapshot before the window (included in the frames), or null. */
  baseline: { anaplan: string | null; epm: string | null };
  /** Why the snapshots are not complete, one line each (failed or missing days); empty when complete. */
  incomplete: string[];
  /** The UTC day from which Anaplan's derived (event-replayed) tenant/model roles are complete, or null. */
  derivedCompleteFrom: string | null;
  /** A note on what the snapshots are (e.g. "live: current state only"). */
  note: string;
}

/**
 * Where a notebook's data comes from, the window it covers, and what each read covered.
 *
 * @example
 * ```ts
 * const run: AuditRun = await openAuditRun();
 * const events = await run.anaplanEvents();
 * ```
 */
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
  /** What the run uses, in words. */
  description: string;
  /**
   * Anaplan audit events of the window, with a progress indicator. Days the source no longer
   * holds (Anaplan keeps 30) are left out and recorded as a gap in the provenance.
   */
  anaplanEvents(): Promise<pl.DataFrame>;
  /** All Anaplan users, with a progress indicator. */
  anaplanUsers(): Promise<pl.DataFrame>;
  /**
   * Archive runs only (undefined otherwise): the window's Anaplan events as the aggregates a
   * report shows (`archiveSummary`: per day, per type, per user, sign-ins, privileged rows,
   * users per month), read in bounded memory. A year-scale report reads this instead of
   * `anaplanEvents()`, which collects every event (and refuses a window of more than
   * KIT_ARCHIVE_MAX_EVENTS events). Read once per run.
   */
  archiveSummary?: (() => Promise<ArchiveSummary>) | undefined;
  /** EPM reports by name (audit reports over the window's days, within each report's retention). */
  epmReports<N extends EpmReportName>(names: readonly N[]): Promise<Record<N, pl.DataFrame>>;
  /**
   * Entitlement snapshots: from the archive (the window's days plus a baseline before it), or,
   * live, the current state only, fetched now.
   */
  entitlementSnapshots(): Promise<EntitlementSnapshots>;
  /** What each source read so far covers: hosts, kit version, generation time, windows. */
  provenance(): ProvenanceData;
  /**
   * Shows the provenance block (call it first: in a notebook it is redrawn in place after every
   * read, so the report opens with the final provenance and a warning for every gap).
   */
  showProvenance(): void;
  /**
   * The sentence an empty section shows: "No failed sign-ins in 2026-11-01 → 2026-11-30
   * (Anaplan audit events, complete)." `source` is "anaplanEvents", "anaplanUsers" or an EPM
   * report name.
   */
  emptyMessage(what: string, source: string): string;
  /**
   * The part of the window (instants) that a source read so far covers — pass it to frame
   * helpers that compare against it (e.g. `accessReview`'s sign-in comparison). The whole
   * window for a snapshot; null when the source covers nothing or was not read.
   */
  coveredWindow(source: string): { from: Date; to: Date } | null;
  /**
   * The report's findings section: runs the detection rules (KIT_RULES, `report --rules FILE`,
   * else the built-in ones) over the window's Anaplan events and users and EPM audit reports,
   * shows them most severe first (or "No findings …"), warns INCOMPLETE when a source does not
   * cover the window, lists rules that could not run, and saves `findings.csv`. Reads are shared
   * with the rest of the run: later `anaplanEvents()` calls get the same frame.
   */
  showFindings(options?: RunFindingsOptions): Promise<RunFindingsResult>;
  /** Writes frames as CSV files named after their keys into the output folder; returns the paths. */
  save(frames: Record<string, pl.DataFrame>): string[];
  /** Closes the clients and stops the simulator. */
  close(): Promise<void>;
}
