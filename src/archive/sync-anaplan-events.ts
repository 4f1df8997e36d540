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
 * the first run), one UTC day at a time (fetched in 6-hour slices) so memory stays bounded by
 * about a day of events: while a day is merged, compressed and written, the next day's slices
 * are already being fetched (the client's request limit is shared, so no more requests are in
 * flight than one call would have), and nothing further ahead. After each day is durable the
 * watermark moves to its end, so a killed sync resumes there. A watermark older than the
 * API's 30 days is recorded as a gap.
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
  const days = daysBetween(utcDay(from), utcDay(ctx.now - 1));
  const ahead = new DayFetches(ctx, anaplan, from);
  try {
    for (const [i, day] of days.entries()) {
      const dayEnd = Math.min(ctx.now, dayStartMs(addDays(day, 1)));
      ahead.start(day, dayEnd);
      const next = days[i + 1];
      if (next !== undefined) ahead.start(next, Math.min(ctx.now, dayStartMs(addDays(next, 1))));
      const frames = await ahead.take(day);
      if (frames.length === 0) continue; // expired while the sync ran
      const events =
        frames.length === 1 ? frames[0]! : pl.concat(frames, { rechunk: false, how: "vertical" });
      counts.fetched += events.height;
      counts.added += await writeDailyRows(ctx, "events", events);
      await saveDatasetState(ctx, "events", {
        coveredFrom:
          ctx.manifest.datasets.events?.coveredFrom ??
          new Date(Math.max(from, dayStartMs(day))).toISOString(),
        coveredTo: new Date(dayEnd).toISOString(),
      });
    }
  } catch (error) {
    await ahead.settle(); // no request of this sync outlives it
    throw error;
  }
  return counts;
}

/** One requested slice of a day: its range and the client's answer, still arriving. */
interface SliceFetch {
  from: number;
  to: number;
  events: Promise<DataFrame>;
}

/**
 * The event requests of the days being synced, started ahead of their use: each day in
 * slices of {@link EVENT_SLICE_MS} (a smaller request keeps the client's transient memory —
 * JSON pages, page frames — small, while the day is still written once). The "fetched"
 * progress of a slice is reported when its day is taken, in order, as if fetched then.
 */
class DayFetches {
  readonly #started = new Map<string, SliceFetch[]>();

  constructor(
    private readonly ctx: SyncContext,
    private readonly anaplan: ArchiveAnaplanSource,
    private readonly from: number,
  ) {}

  /** Requests the slices of a day from `from` (or the day's start) to `dayEnd`, once. */
  start(day: string, dayEnd: number): void {
    if (this.#started.has(day)) return;
    const slices: SliceFetch[] = [];
    for (let start = dayStartMs(day); start < dayEnd; start += EVENT_SLICE_MS) {
      const sliceFrom = Math.max(this.from, start, retentionFloor(this.ctx));
      const sliceTo = Math.min(dayEnd, start + EVENT_SLICE_MS);
      if (sliceFrom >= sliceTo) continue;
      const events = this.anaplan.audit.getEvents({ from: new Date(sliceFrom), to: new Date(sliceTo) });
      events.catch(() => undefined); // handled when the day is taken (or settled after an error)
      slices.push({ from: sliceFrom, to: sliceTo, events });
    }
    this.#started.set(day, slices);
  }

  /** Waits for a started day's slices, reports each, and forgets them. */
  async take(day: string): Promise<DataFrame[]> {
    const slices = this.#started.get(day) ?? [];
    const frames: DataFrame[] = [];
    for (const slice of slices) {
      const events = await slice.events;
      const range = `${iso(slice.from)}..${iso(slice.to)}`;
      await this.ctx.emit({
        step: "fetched",
        dataset: "events",
        from: iso(slice.from),
        to: iso(slice.to),
        rows: events.height,
        message: `events ${range}: ${events.height} fetched`,
      });
      frames.push(events);
    }
    this.#started.delete(day);
    return frames;
  }

  /** Waits until every request still running has ended, whatever its outcome. */
  async settle(): Promise<void> {
    const pending = [...this.#started.values()].flat().map((s) => s.events);
    this.#started.clear();
    await Promise.allSettled(pending);
  }
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
