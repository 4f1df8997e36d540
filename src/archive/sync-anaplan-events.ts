import type { ArchiveAnaplanSource } from "./archive-sources.js";
import { type SyncContext, saveDatasetState } from "./sync-context.js";
import { addDays, dayStartMs, daysBetween, ONE_DAY_MS, utcDay } from "./utc-day.js";
import { writeDailyRows } from "./write-daily-rows.js";

/** Anaplan keeps audit events this long. */
export const ANAPLAN_RETENTION_MS = 30 * ONE_DAY_MS;

/** Counts of one dataset's sync. */
export interface DatasetSyncCounts {
  /** Rows the API returned (overlap included). */
  fetched: number;
  /** Rows that were not archived yet. */
  added: number;
  /** Start of the range asked for (ISO), or undefined when nothing was asked. */
  from: string | undefined;
  /** End of the range asked for (ISO). */
  to: string | undefined;
}

/**
 * Archives Anaplan audit events since the watermark minus the overlap (the whole 30 days on
 * the first run), one UTC day per request so memory stays bounded by a day of events. After
 * each day is durable the watermark moves to the end of that slice, so a killed sync resumes
 * there. A watermark older than the API's 30 days is recorded as a gap.
 *
 * @param ctx - the run
 * @param anaplan - the client
 * @returns fetched and added counts
 * @throws the client's errors; ArchiveError for a corrupt or foreign partition file
 * @example
 * ```ts
 * await syncAnaplanEvents(ctx, anaplan) //=> { fetched: 12040, added: 11873, from: "…", to: "…" }
 * ```
 */
export async function syncAnaplanEvents(
  ctx: SyncContext,
  anaplan: ArchiveAnaplanSource,
): Promise<DatasetSyncCounts> {
  const state = ctx.manifest.datasets.events;
  const retentionStart = ctx.now - ANAPLAN_RETENTION_MS;
  const watermark = state?.coveredTo ? Date.parse(state.coveredTo) : undefined;
  let from = watermark === undefined ? retentionStart : watermark - ctx.overlapMs;
  if (from < retentionStart) {
    if (watermark !== undefined && watermark < retentionStart)
      await recordGap(ctx, watermark, retentionStart);
    from = retentionStart;
  }
  from = Math.max(from, ctx.since);
  const counts: DatasetSyncCounts = { fetched: 0, added: 0, from: undefined, to: undefined };
  if (from >= ctx.now) return counts;
  counts.from = new Date(from).toISOString();
  counts.to = new Date(ctx.now).toISOString();
  for (const day of daysBetween(utcDay(from), utcDay(ctx.now - 1))) {
    const sliceFrom = Math.max(from, dayStartMs(day), retentionFloor(ctx));
    const sliceTo = Math.min(ctx.now, dayStartMs(addDays(day, 1)));
    if (sliceFrom >= sliceTo) continue; // expired while the sync ran
    const events = await anaplan.audit.getEvents({ from: new Date(sliceFrom), to: new Date(sliceTo) });
    await ctx.emit({
      step: "fetched",
      dataset: "events",
      from: new Date(sliceFrom).toISOString(),
      to: new Date(sliceTo).toISOString(),
      rows: events.height,
      message: `events ${day}: ${events.height} fetched`,
    });
    counts.fetched += events.height;
    counts.added += await writeDailyRows(ctx, "events", events);
    await saveDatasetState(ctx, "events", {
      coveredFrom: ctx.manifest.datasets.events?.coveredFrom ?? new Date(sliceFrom).toISOString(),
      coveredTo: new Date(sliceTo).toISOString(),
    });
  }
  return counts;
}

/**
 * The oldest instant the API accepts right now. Read from the clock again, because the client
 * checks its own "now" a little later than the run began; with a frozen clock it is exact.
 */
function retentionFloor(ctx: SyncContext): number {
  const current = ctx.clock();
  return current === ctx.now ? current - ANAPLAN_RETENTION_MS : current - ANAPLAN_RETENTION_MS + 1000;
}

async function recordGap(ctx: SyncContext, from: number, to: number): Promise<void> {
  const gap = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  const message = `events: no sync ran while the API held ${gap.from} to ${gap.to}; those events are lost to the archive (Anaplan keeps 30 days: sync at least monthly).`;
  await ctx.emit({ step: "warning", dataset: "events", message });
  const gaps = [...(ctx.manifest.datasets.events?.gaps ?? []), gap];
  ctx.manifest.datasets.events = { ...ctx.manifest.datasets.events, gaps };
}
