import type { DataFrame } from "nodejs-polars";
import { EPM_REPORTS, type EpmReportName } from "../epm/epm-report-definitions.js";
import type { ArchiveDatasetName } from "./archive-datasets.js";
import type { ArchiveEpmDateRange, ArchiveEpmSource } from "./archive-sources.js";
import type { DatasetSyncCounts } from "./sync-anaplan-events.js";
import { recordGap, type SyncContext, saveDatasetState } from "./sync-context.js";
import { addDays, dayStartMs, utcDay } from "./utc-day.js";
import { writeDailyRows } from "./write-daily-rows.js";

/** One EPM audit report as the archive syncs it. */
export interface EpmHistoryReport {
  dataset: ArchiveDatasetName & EpmReportName;
  fetch(epm: ArchiveEpmSource, range: ArchiveEpmDateRange): Promise<DataFrame>;
}

/** The EPM audit reports the archive keeps; each reaches back as far as the EPM client allows. */
export const EPM_HISTORY_REPORTS: readonly EpmHistoryReport[] = [
  { dataset: "groupAssignmentAudit", fetch: (epm, r) => epm.reports.groupAssignmentAudit(r) },
  { dataset: "roleAssignmentAudit", fetch: (epm, r) => epm.reports.roleAssignmentAudit(r) },
  { dataset: "invalidLogins", fetch: (epm, r) => epm.reports.invalidLogins(r) },
  { dataset: "userLogins", fetch: (epm, r) => epm.reports.userLogins(r) },
];

/**
 * Archives one EPM audit report from the day of its watermark minus the overlap (the whole
 * retention on the first run) to today, in one request (audit reports are small), then moves
 * the watermark to the run's "now". Today is partial, so the next run asks for it again;
 * the merge keeps each row once.
 *
 * @param ctx - the run
 * @param epm - the client
 * @param report - which report
 * @returns fetched and added counts
 * @throws the client's errors; ArchiveError for a corrupt or foreign partition file
 * @example
 * ```ts
 * await syncEpmReport(ctx, epm, EPM_HISTORY_REPORTS[0]) //=> { fetched: 40, added: 3, from: "2026-11-21", to: "2026-11-22" }
 * ```
 */
export async function syncEpmReport(
  ctx: SyncContext,
  epm: ArchiveEpmSource,
  report: EpmHistoryReport,
): Promise<DatasetSyncCounts> {
  const state = ctx.manifest.datasets[report.dataset];
  const today = utcDay(ctx.now);
  const retentionDays =
    epm.retentionDays?.(report.dataset) ?? EPM_REPORTS[report.dataset].retentionDays ?? 30;
  // The client checks the range with its own clock, which may have passed midnight since the run began.
  const earliest = addDays(utcDay(ctx.clock()), -retentionDays);
  const watermark = state?.coveredTo ? Date.parse(state.coveredTo) : undefined;
  let from = watermark === undefined ? earliest : utcDay(watermark - ctx.overlapMs);
  if (from < earliest) {
    if (watermark !== undefined && watermark < dayStartMs(earliest)) {
      await recordGap(
        ctx,
        report.dataset,
        watermark,
        dayStartMs(earliest),
        `${report.dataset}: no sync ran while EPM held ${utcDay(watermark)} to ${addDays(earliest, -1)}; those rows are lost to the archive (this report keeps ${retentionDays} days).`,
      );
    }
    from = earliest;
  }
  if (Number.isFinite(ctx.since) && from < utcDay(ctx.since)) from = utcDay(ctx.since);
  if (from > today) return { fetched: 0, added: 0, from: undefined, to: undefined };
  const rows = await report.fetch(epm, { from, to: today });
  await ctx.emit({
    step: "fetched",
    dataset: report.dataset,
    from,
    to: today,
    rows: rows.height,
    message: `${report.dataset} ${from}..${today}: ${rows.height} fetched`,
  });
  const added = await writeDailyRows(ctx, report.dataset, rows);
  await saveDatasetState(ctx, report.dataset, {
    coveredFrom: state?.coveredFrom ?? new Date(dayStartMs(from)).toISOString(),
    coveredTo: new Date(ctx.now).toISOString(),
  });
  return { fetched: rows.height, added, from, to: today };
}
