import { ValidationError } from "../../errors/validation-error.js";
import { formatInstant } from "../../time/format-instant.js";
import { formatUtcDay } from "../../time/format-utc-day.js";
import { type InstantInput, parseInstant } from "../../time/parse-instant.js";
import { startOfUtcDay } from "../../time/start-of-utc-day.js";

/** Anaplan keeps audit events this long (30 days). */
export const RETENTION_MS = 30 * 86_400_000;

/** A fixed time range in epoch milliseconds, UTC. */
export interface EventWindow {
  from: number;
  to: number;
}

/**
 * A point in time: a Date, epoch ms, `YYYY-MM-DD` (00:00 UTC of that day) or an ISO-8601
 * timestamp with a zone (`Z`, `±HH:MM`, `±HHMM`); a timestamp without a zone is read as UTC.
 * Ambiguous or partial text (`11/03/2026`, `2026-11`, `20261105`) is refused.
 *
 * @example
 * ```ts
 * const from: DateInput = "2026-03-01T00:00:00Z";
 * ```
 */
export type DateInput = InstantInput;

/**
 * The range of {@link resolveEventWindow}: a number of days, or explicit bounds.
 * - `n`: the last n×24 hours up to now (what the Audit API holds is the last 30×24 h).
 * - `{ from, to? }`: instants, `to` defaulting to now. A day given as text stands for its
 *   00:00 UTC, so for the whole UTC days of a `UtcDayWindow` pass `toInstantRange(window)`.
 *
 * @example
 * ```ts
 * const lastWeek: EventRange = 7;
 * const march: EventRange = { from: "2026-03-01", to: "2026-04-01" };
 * ```
 */
export type EventRange = number | { from: DateInput; to?: DateInput | undefined };

const ARCHIVE_HINT = "read older events from a local archive kept with the kit's archive helpers";
const DAY_MS = 86_400_000;

/**
 * Turns `getEvents`' range into a fixed window, computed once from `now`, and refuses what the
 * Audit API cannot serve — before any request is sent. Retention is counted in whole UTC days:
 * `from` may reach back to 00:00 UTC of the day 30 days before today, so the 30 complete UTC
 * days before today are always accepted (the part of that first day older than 30×24 h is no
 * longer held by Anaplan and comes back empty: state it with `clampToRetention`).
 *
 * @param range - days back from now (1..30), or `{ from, to? }` (`to` defaults to now)
 * @param now - the current time in epoch ms
 * @returns the window
 * @throws {@link ValidationError} for days outside 1..30, unreadable dates (listing the accepted
 * forms), from after to, a from before the first retained day, or a range over 30 days plus today
 * @example
 * ```ts
 * resolveEventWindow(14, Date.parse("2026-06-15T00:00:00Z"))
 * //=> { from: Date.parse("2026-06-01T00:00:00Z"), to: Date.parse("2026-06-15T00:00:00Z") }
 * resolveEventWindow(toInstantRange({ from: "2026-05-16", to: "2026-06-14" }), Date.parse("2026-06-15T09:00:00Z"))
 * //=> { from: Date.parse("2026-05-16T00:00:00Z"), to: Date.parse("2026-06-15T00:00:00Z") }
 * ```
 */
export function resolveEventWindow(range: EventRange, now: number): EventWindow {
  if (typeof range === "number") {
    if (!Number.isInteger(range) || range < 1 || range > 30) {
      throw new ValidationError(
        `getEvents(days) takes a whole number of days from 1 to 30, got ${range}. Anaplan keeps audit events for 30 days only; for a longer history, ${ARCHIVE_HINT}.`,
      );
    }
    return { from: now - range * DAY_MS, to: now };
  }
  if (!range || typeof range !== "object") {
    throw new ValidationError(
      `getEvents takes a number of days (1..30) or { from, to }, got ${String(range)}. Example: getEvents(14) or getEvents({ from: "2026-06-01", to: "2026-06-08" }).`,
    );
  }
  const from = toMs(range.from, "from");
  const to = range.to === undefined ? now : toMs(range.to, "to");
  if (from > to) {
    throw new ValidationError(
      `getEvents: from (${formatInstant(from)}) is after to (${formatInstant(to)}). Swap them, or pass an earlier from.`,
    );
  }
  const today = startOfUtcDay(now);
  const earliest = today - 30 * DAY_MS;
  if (from < earliest) {
    const days = Math.round((today - startOfUtcDay(from)) / DAY_MS);
    throw new ValidationError(
      `getEvents: from (${formatInstant(from)}) is ${days} days before now; Anaplan keeps audit events for 30 days only (earliest: ${formatInstant(earliest)}, 00:00 UTC of the day 30 days before today ${formatUtcDay(now)}). Use a later from, or ${ARCHIVE_HINT}.`,
    );
  }
  if (to - from > 31 * DAY_MS) {
    throw new ValidationError(
      `getEvents: the range ${formatInstant(from)} .. ${formatInstant(to)} spans more than 30 days (plus today), which the Audit API cannot serve. Use a range of 30 days or less.`,
    );
  }
  return { from, to };
}

/**
 * Cuts a window into consecutive sub-windows of at most `stepMs`, sharing their boundaries (an
 * event exactly on a boundary may come back twice; the caller dedupes by id), so each one's
 * paging stays small and they can be fetched in parallel.
 *
 * @param window - the whole window
 * @param stepMs - the longest sub-window. @default one day
 * @returns the sub-windows, in time order; one window when from equals to
 * @example
 * ```ts
 * splitWindow({ from: 0, to: 36 * 3_600_000 }).length //=> 2
 * ```
 */
export function splitWindow(window: EventWindow, stepMs = 86_400_000): EventWindow[] {
  const out: EventWindow[] = [];
  let from = window.from;
  do {
    const to = Math.min(window.to, from + stepMs);
    out.push({ from, to });
    from = to;
  } while (from < window.to);
  return out;
}

/**
 * Reads a {@link DateInput} as epoch ms by the kit's time rule (see `parseInstant`): a day is
 * 00:00 UTC, a timestamp without a zone is UTC, `+0000` offsets are accepted.
 *
 * @param value - the point in time
 * @param name - the argument's name, for the message ("from", "to")
 * @returns epoch milliseconds
 * @throws {@link ValidationError} naming the argument and listing the accepted forms
 * @example
 * ```ts
 * toMs("2026-06-01", "from") //=> 1780272000000
 * ```
 */
export function toMs(value: DateInput, name: string): number {
  return parseInstant(value, `getEvents: ${name}`);
}
