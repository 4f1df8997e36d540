import type { ArchiveDatasetName } from "./archive-datasets.js";
import type { ArchiveDatasetState } from "./archive-manifest.js";
import { utcDay } from "./utc-day.js";

/**
 * A span of time as ISO instants: `from` included, `to` excluded.
 *
 * @example
 * ```ts
 * const span: CoverageSpan = { from: "2026-03-01", to: "2026-03-31" };
 * ```
 */
export interface CoverageSpan {
  from: string;
  to: string;
}

/**
 * Why part of a requested window is not in the archive.
 *
 * @example
 * ```ts
 * const reason: CoverageGapReason = "never-synced";
 * ```
 */
export type CoverageGapReason =
  /** The dataset was never synced into this archive. */
  | "never-synced"
  /** Before the first instant the archive holds (the APIs no longer held it at the first sync, or `since` cut it). */
  | "before-archive"
  /** After the last sync (not synced yet, or still in the future). */
  | "after-archive"
  /** Recorded by a sync: no sync ran while the API still held it, so it is lost to the archive. */
  | "lost";

/**
 * A part of the requested window the archive does not hold.
 *
 * @example
 * ```ts
 * const gap: CoverageGap = { from: "2026-02-10", to: "2026-02-12", reason: "lost" };
 * ```
 */
export interface CoverageGap extends CoverageSpan {
  reason: CoverageGapReason;
}

/** The window asked for, as ISO instants; `null` for an open end. */
export interface RequestedWindow {
  from: string | null;
  to: string | null;
}

/**
 * How much of the requested window a history dataset (events, EPM audit reports) covers.
 *
 * @example
 * ```ts
 * const coverage = frames.coverage.events as HistoryCoverage;
 * console.log(coverage.covered, coverage.gaps);
 * ```
 */
export interface HistoryCoverage {
  kind: "history";
  dataset: ArchiveDatasetName;
  requested: RequestedWindow;
  /** Whether any sync ever wrote this dataset. */
  synced: boolean;
  /** The parts of the window the archive holds (open ends: the archive's own first and last instant). */
  covered: CoverageSpan[];
  /** The parts it does not, with the reason; empty when complete. */
  gaps: CoverageGap[];
  /** True when the dataset was synced and the whole window is covered. */
  complete: boolean;
  /** One line for a report, e.g. "complete" or "incomplete: …". */
  note: string;
}

/**
 * Which snapshot a current-state dataset (users, role assignments, user groups) gives for the window.
 *
 * @example
 * ```ts
 * const coverage = frames.coverage.roleAssignments as SnapshotCoverage;
 * console.log(coverage.used, coverage.inWindow);
 * ```
 */
export interface SnapshotCoverage {
  kind: "snapshot";
  dataset: ArchiveDatasetName;
  requested: RequestedWindow;
  /** The snapshot day the frame holds (the latest on or before the window's last day, else the earliest); null when none. */
  used: string | null;
  /** The snapshot days taken inside the window. */
  inWindow: string[];
  /** True when the snapshot used was taken inside the window (so it shows the state during it). */
  complete: boolean;
  /** One line for a report. */
  note: string;
}

/**
 * Coverage of one dataset.
 *
 * @example
 * ```ts
 * const coverage: DatasetCoverage = frames.coverage.userLogins;
 * if (!coverage.complete) console.warn(coverage.note);
 * ```
 */
export type DatasetCoverage = HistoryCoverage | SnapshotCoverage;

/**
 * Coverage of every dataset of an archive for a requested window, as {@link readArchive} returns it.
 *
 * @example
 * ```ts
 * const coverage: ArchiveCoverage = frames.coverage;
 * console.log(coverage.events.complete);
 * ```
 */
export type ArchiveCoverage = Record<ArchiveDatasetName, DatasetCoverage>;

/**
 * Which part of a requested window a history dataset covers, from its manifest state: the span
 * between its first and last covered instants, minus the gaps syncs recorded. Pure.
 *
 * @param dataset - the dataset's name
 * @param state - its manifest state (undefined: never synced)
 * @param from - window start, epoch ms (undefined: open)
 * @param to - window end (excluded), epoch ms (undefined: open)
 * @returns the coverage
 * @example
 * ```ts
 * historyCoverage("events", { coveredFrom: "2026-11-01T00:00:00.000Z", coveredTo: "2026-12-01T00:00:00.000Z" },
 *   Date.parse("2026-01-01"), Date.parse("2027-01-01")).gaps
 * //=> [{ from: "2026-01-01T00:00:00.000Z", to: "2026-11-01T00:00:00.000Z", reason: "before-archive" },
 * //    { from: "2026-12-01T00:00:00.000Z", to: "2027-01-01T00:00:00.000Z", reason: "after-archive" }]
 * ```
 */
export function historyCoverage(
  dataset: ArchiveDatasetName,
  state: ArchiveDatasetState | undefined,
  from: number | undefined,
  to: number | undefined,
): HistoryCoverage {
  const requested = { from: iso(from), to: iso(to) };
  if (!state?.coveredFrom || !state.coveredTo) {
    const gaps: CoverageGap[] =
      from !== undefined && to !== undefined
        ? [{ from: iso(from)!, to: iso(to)!, reason: "never-synced" }]
        : [];
    const note = `incomplete: ${dataset} was never synced into this archive`;
    return { kind: "history", dataset, requested, synced: false, covered: [], gaps, complete: false, note };
  }
  const first = Date.parse(state.coveredFrom);
  const last = Date.parse(state.coveredTo);
  const lo = from ?? first;
  const hi = to ?? last;
  const gaps: Array<{ from: number; to: number; reason: CoverageGapReason }> = [];
  if (lo < first) gaps.push({ from: lo, to: Math.min(first, hi), reason: "before-archive" });
  for (const gap of state.gaps ?? []) {
    const g = { from: Math.max(Date.parse(gap.from), lo, first), to: Math.min(Date.parse(gap.to), hi, last) };
    if (g.from < g.to) gaps.push({ ...g, reason: "lost" });
  }
  if (hi > last) gaps.push({ from: Math.max(last, lo), to: hi, reason: "after-archive" });
  const sorted = gaps.filter((g) => g.from < g.to).sort((a, b) => a.from - b.from);
  const covered = complement(Math.max(lo, first), Math.min(hi, last), sorted);
  const spans = (list: CoverageSpan[]) => list.map((s) => `${s.from}..${s.to}`).join(", ");
  const outGaps = sorted.map((g) => ({ from: iso(g.from)!, to: iso(g.to)!, reason: g.reason }));
  const complete = outGaps.length === 0;
  const note = complete
    ? "complete"
    : `incomplete: covers ${spans(covered) || "nothing"}; missing ${outGaps.map((g) => `${g.from}..${g.to} (${g.reason})`).join(", ")}`;
  return { kind: "history", dataset, requested, synced: true, covered, gaps: outGaps, complete, note };
}

/**
 * Which snapshot a current-state dataset gives for a window, and whether it was taken inside it.
 * Pure.
 *
 * @param dataset - the dataset's name
 * @param days - the snapshot days the archive holds, sorted
 * @param from - window start, epoch ms (undefined: open)
 * @param to - window end (excluded), epoch ms (undefined: open)
 * @returns the coverage
 * @example
 * ```ts
 * snapshotCoverage("users", ["2026-11-22"], Date.parse("2026-01-01"), Date.parse("2026-02-01")).note
 * //=> "incomplete: no users snapshot inside the window; the nearest is of 2026-11-22, after it"
 * ```
 */
export function snapshotCoverage(
  dataset: ArchiveDatasetName,
  days: string[],
  from: number | undefined,
  to: number | undefined,
): SnapshotCoverage {
  const firstDay = from === undefined ? "0000-01-01" : utcDay(from);
  const lastDay = to === undefined ? "9999-12-31" : utcDay(to - 1);
  const used = days.filter((d) => d <= lastDay).at(-1) ?? days[0] ?? null;
  const inWindow = days.filter((d) => d >= firstDay && d <= lastDay);
  const complete = used !== null && used >= firstDay && used <= lastDay;
  const note =
    used === null
      ? `incomplete: the archive holds no ${dataset} snapshot`
      : complete
        ? `complete: the ${dataset} snapshot of ${used}`
        : `incomplete: no ${dataset} snapshot inside the window; the nearest is of ${used}, ${used < firstDay ? "before" : "after"} it`;
  return {
    kind: "snapshot",
    dataset,
    requested: { from: iso(from), to: iso(to) },
    used,
    inWindow,
    complete,
    note,
  };
}

/** The parts of [lo, hi) outside the sorted gaps. */
function complement(lo: number, hi: number, gaps: Array<{ from: number; to: number }>): CoverageSpan[] {
  const spans: CoverageSpan[] = [];
  let cursor = lo;
  for (const gap of gaps) {
    if (gap.from > cursor) spans.push({ from: iso(cursor)!, to: iso(Math.min(gap.from, hi))! });
    cursor = Math.max(cursor, gap.to);
  }
  if (cursor < hi) spans.push({ from: iso(cursor)!, to: iso(hi)! });
  return spans.filter((s) => s.from < s.to);
}

function iso(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}
