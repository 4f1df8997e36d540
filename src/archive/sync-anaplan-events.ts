import pl, { type DataFrame } from "nodejs-polars";
import type { ArchiveAnaplanSource } from "./archive-sources.js";
import { recordGap, type SyncContext, saveDatasetState } from "./sync-context.js";
import { addDays, dayStartMs, daysBetween, ONE_DAY_MS, utcDay } from "./utc-day.js";
import { writeDailyRows } from "./write-daily-rows.js";

/** Anaplan keeps audit events this long. */
export const ANAPLAN_RETENTION_MS = 30 * ONE_DAY_MS;

/** Events are requested in slices of this length (aligned to 00, 06, 12, 18 UTC). */
export const EVENT_SLICE_MS = 6 * 3_600_000;

/**
 * Counts of one dataset's sync.
 *
 * @example
 * ```ts
 * const counts: DatasetSyncCounts = { fetched: 120, added: 40, from: "2026-03-01", to: "2026-03-02" };
 * ```
 */
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
 * the first run), one UTC day at a time (fetched in 6-hour slices) so memory stays bounded by a
 * day of events. After each day is durable the watermark moves to its end, so a killed sync
 * resumes there. A watermark older than the API's 30 days is recorded as a gap.
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
      await recordGap(
        ctx,
        "events",
        watermark,
        retentionStart,
        `events: no sync ran while the API held ${iso(watermark)} to ${iso(retentionStart)}; those events are lost to the archive (Anaplan keeps 30 days: sync at least monthly).`,
      );
    from = retentionStart;
  }
  from = Math.max(from, ctx.since);
  const counts: DatasetSyncCounts = { fetched: 0, added: 0, from: undefined, to: undefined };
  if (from >= ctx.now) return counts;
  counts.from = new Date(from).toISOString();
  counts.to = new Date(ctx.now).toISOString();
  for (const day of daysBetween(utcDay(from), utcDay(ctx.now - 1))) {
    const dayEnd = Math.min(ctx.now, dayStartMs(addDays(day, 1)));
    const frames = await fetchDay(ctx, anaplan, day, from, dayEnd);
    if (frames.length === 0) continue; // expired while the sync ran
    const events = frames.length === 1 ? frames[0]! : pl.concat(frames, { rechunk: false, how: "vertical" });
    counts.fetched += events.height;
    counts.added += await writeDailyRows(ctx, "events", events);
    await saveDatasetState(ctx, "events", {
      coveredFrom:
        ctx.manifest.datasets.events?.coveredFrom ?? new Date(Math.max(from, dayStartMs(day))).toISOString(),
      coveredTo: new Date(dayEnd).toISOString(),
    });
  }
  return counts;
}

/**
 * Fetches one UTC day's events from `from` (or the day's start) to `dayEnd`, in slices of
 * {@link EVENT_SLICE_MS}: a smaller request keeps the client's transient memory (JSON pages,
 * page frames) small, while the day is still written once.
 */
async function fetchDay(
  ctx: SyncContext,
  anaplan: ArchiveAnaplanSource,
  day: string,
  from: number,
  dayEnd: number,
): Promise<DataFrame[]> {
  const frames: DataFrame[] = [];
  for (let start = dayStartMs(day); start < dayEnd; start += EVENT_SLICE_MS) {
    const sliceFrom = Math.max(from, start, retentionFloor(ctx));
    const sliceTo = Math.min(dayEnd, start + EVENT_SLICE_MS);
    if (sliceFrom >= sliceTo) continue;
    const events = await anaplan.audit.getEvents({ from: new Date(sliceFrom), to: new Date(sliceTo) });
    await ctx.emit({
      step: "fetched",
      dataset: "events",
      from: new Date(sliceFrom).toISOString(),
      to: new Date(sliceTo).toISOString(),
      rows: events.height,
      message: `events ${new Date(sliceFrom).toISOString()}..${new Date(sliceTo).toISOString()}: ${events.height} fetched`,
    });
    frames.push(events);
  }
  return frames;
}

/**
 * The oldest instant the API accepts right now. Read from the clock again, because the client
 * checks its own "now" a little later than the run began; with a frozen clock it is exact.
 */
function retentionFloor(ctx: SyncContext): number {
  const current = ctx.clock();
  return current === ctx.now ? current - ANAPLAN_RETENTION_MS : current - ANAPLAN_RETENTION_MS + 1000;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
