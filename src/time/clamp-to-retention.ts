import { ValidationError } from "../errors/validation-error.js";
import { formatInstant } from "./format-instant.js";
import type { InstantRange } from "./instant-range.js";
import { toInstantRange, type UtcDayWindow } from "./utc-day-window.js";

/**
 * What part of a requested window a source that keeps `retentionDays` still holds.
 *
 * @example
 * ```ts
 * const { covered, clipped, statement } = clampToRetention(window, 30, now);
 * if (clipped) console.warn(statement);
 * ```
 */
export interface RetentionCoverage {
  /** The window asked for. */
  requested: UtcDayWindow;
  /** The part the source holds, `[from, to)` in epoch ms, or undefined when it holds none of it. */
  covered: InstantRange | undefined;
  /** True when `covered` is less than the whole requested window. */
  clipped: boolean;
  /** One line for a report, e.g. "covered 2026-11-06T02:46:00.000Z → 2026-12-06T00:00:00.000Z of 2026-11-06 → 2026-12-05 (the source keeps 30 days)". */
  statement: string;
}

/**
 * Cuts a requested window of days down to what a source that keeps the last `retentionDays`
 * (×24 h, counted back from `now`) still holds, and up to `now` — so a command can take what
 * the API holds and state the span actually covered instead of refusing. The 30 complete days
 * before today reach about a day-fraction further back than Anaplan's 30×24 h: that first part
 * is reported as not covered.
 *
 * @param window - the window asked for
 * @param retentionDays - how far back the source keeps data, in days of 24 h
 * @param now - the current time in epoch ms
 * @returns the requested window, the covered range, whether it was clipped, and a sentence
 * @throws {@link ValidationError} for a retention that is not a positive number
 * @example
 * ```ts
 * clampToRetention({ from: "2026-11-06", to: "2026-12-05" }, 30, Date.parse("2026-12-06T02:46:00Z"))
 * //=> { covered: { from: Date.parse("2026-11-06T02:46:00Z"), to: Date.parse("2026-12-06T00:00:00Z") }, clipped: true, … }
 * ```
 */
export function clampToRetention(
  window: UtcDayWindow,
  retentionDays: number,
  now: number,
): RetentionCoverage {
  if (!(retentionDays > 0) || !Number.isFinite(now)) {
    throw new ValidationError(
      `clampToRetention needs a positive retention in days and a finite now, got ${retentionDays} and ${now}.`,
    );
  }
  const asked = toInstantRange(window);
  const from = Math.max(asked.from, now - retentionDays * 86_400_000);
  const to = Math.min(asked.to, now);
  const covered = from < to ? { from, to } : undefined;
  const clipped = covered === undefined || covered.from !== asked.from || covered.to !== asked.to;
  const requested = `${window.from} → ${window.to} (UTC days)`;
  const statement = covered
    ? clipped
      ? `covered ${formatInstant(covered.from)} → ${formatInstant(covered.to)} of the requested ${requested}; the source keeps ${retentionDays} days and nothing after now`
      : `covered the whole requested ${requested}`
    : `covered nothing of the requested ${requested}: it lies outside the ${retentionDays} days the source keeps (or after now)`;
  return { requested: window, covered, clipped, statement };
}
