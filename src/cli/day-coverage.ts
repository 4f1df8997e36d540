import type { DayWindow } from "../display/provenance.js";

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);

/**
 * The whole UTC days inside the instants `[from, to)`: a day only partly inside is left out,
 * so "covered" never claims a day that was only partly read.
 *
 * @param from - first instant, epoch ms
 * @param to - first instant after, epoch ms
 * @returns the days, or null when no whole day fits
 * @example
 * ```ts
 * wholeDays(Date.parse("2026-11-01T06:00Z"), Date.parse("2026-11-04T00:00Z")) //=> { from: "2026-11-02", to: "2026-11-03" }
 * ```
 */
export function wholeDays(from: number, to: number): DayWindow | null {
  const first = Math.ceil(from / DAY_MS) * DAY_MS;
  const end = Math.floor(to / DAY_MS) * DAY_MS;
  return first < end ? { from: dayOf(first), to: dayOf(end - DAY_MS) } : null;
}

/**
 * The days two day windows share.
 *
 * @param a - a window
 * @param b - another
 * @returns the overlap, or null when they do not meet
 * @example
 * ```ts
 * intersectDays({ from: "2026-11-01", to: "2026-11-30" }, { from: "2026-10-20", to: "2026-11-04" })
 * //=> { from: "2026-11-01", to: "2026-11-04" }
 * ```
 */
export function intersectDays(a: DayWindow, b: DayWindow | null): DayWindow | null {
  if (!b) return null;
  const from = a.from > b.from ? a.from : b.from;
  const to = a.to < b.to ? a.to : b.to;
  return from <= to ? { from, to } : null;
}

/**
 * The days an instant span `[from, to)` touches, even partly (for gaps: a day partly lost is
 * a day with missing data).
 *
 * @param from - first instant, epoch ms
 * @param to - first instant after, epoch ms
 * @returns the days, or null for an empty span
 * @example
 * ```ts
 * touchedDays(Date.parse("2026-11-01T06:00Z"), Date.parse("2026-11-02T01:00Z")) //=> { from: "2026-11-01", to: "2026-11-02" }
 * ```
 */
export function touchedDays(from: number, to: number): DayWindow | null {
  return from < to ? { from: dayOf(from), to: dayOf(to - 1) } : null;
}

/** Epoch ms of the start of a `YYYY-MM-DD` day. */
export const startOfDay = dayMs;
