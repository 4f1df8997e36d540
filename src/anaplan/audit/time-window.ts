import { ValidationError } from "../../errors/validation-error.js";

/** Anaplan keeps audit events this long (30 days). */
export const RETENTION_MS = 30 * 86_400_000;

/** A fixed time range in epoch milliseconds, UTC. */
export interface EventWindow {
  from: number;
  to: number;
}

/** A point in time: a Date, ISO-8601 text (without a zone it is read as UTC), or epoch ms. */
export type DateInput = Date | string | number;

/** The range of {@link resolveEventWindow}: days back from now, or explicit bounds. */
export type EventRange = number | { from: DateInput; to?: DateInput | undefined };

const ARCHIVE_HINT = "read older events from a local archive kept with the kit's archive helpers";

/**
 * Turns `getEvents`' range into a fixed window, computed once from `now`, and refuses what the
 * Audit API would refuse — before any request is sent.
 *
 * @param range - days back from now (1..30), or `{ from, to? }` (`to` defaults to now)
 * @param now - the current time in epoch ms
 * @returns the window
 * @throws {@link ValidationError} for days outside 1..30, unreadable dates, from after to, or a
 * from older than the 30-day retention
 * @example
 * ```ts
 * resolveEventWindow(14, Date.parse("2026-06-15T00:00:00Z"))
 * //=> { from: Date.parse("2026-06-01T00:00:00Z"), to: Date.parse("2026-06-15T00:00:00Z") }
 * ```
 */
export function resolveEventWindow(range: EventRange, now: number): EventWindow {
  if (typeof range === "number") {
    if (!Number.isInteger(range) || range < 1 || range > 30) {
      throw new ValidationError(
        `getEvents(days) takes a whole number of days from 1 to 30, got ${range}. Anaplan keeps audit events for 30 days only; for a longer history, ${ARCHIVE_HINT}.`,
      );
    }
    return { from: now - range * 86_400_000, to: now };
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
      `getEvents: from (${iso(from)}) is after to (${iso(to)}). Swap them, or pass an earlier from.`,
    );
  }
  if (from < now - RETENTION_MS) {
    const days = Math.ceil((now - from) / 86_400_000);
    throw new ValidationError(
      `getEvents: from (${iso(from)}) is ${days} days before now; Anaplan keeps audit events for 30 days only (earliest: ${iso(now - RETENTION_MS)}). Use a later from, or ${ARCHIVE_HINT}.`,
    );
  }
  if (to - from > RETENTION_MS) {
    throw new ValidationError(
      `getEvents: the range ${iso(from)} .. ${iso(to)} spans more than 30 days, which the Audit API refuses. Use a range of 30 days or less.`,
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
 * Reads a {@link DateInput} as epoch ms; ISO text without a zone counts as UTC, and an offset
 * written `+0000` is accepted.
 *
 * @param value - the point in time
 * @param name - the argument's name, for the message ("from", "to")
 * @returns epoch milliseconds
 * @throws {@link ValidationError} naming the argument when the value is not a date
 * @example
 * ```ts
 * toMs("2026-06-01", "from") //=> 1780272000000
 * ```
 */
export function toMs(value: DateInput, name: string): number {
  let ms = Number.NaN;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === "number") ms = value;
  else if (typeof value === "string") {
    const text = value.trim();
    const withZone = /^\d{4}-\d{2}-\d{2}T[\d:.]+$/.test(text)
      ? `${text}Z`
      : text.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
    if (/^\d{4}-\d{2}-\d{2}/.test(text)) ms = Date.parse(withZone);
  }
  if (!Number.isFinite(ms)) {
    throw new ValidationError(
      `getEvents: ${name} (${JSON.stringify(value instanceof Date ? "Invalid Date" : value)}) is not a date. Pass a Date or ISO-8601 text such as "2026-06-01" or "2026-06-01T12:00:00Z".`,
    );
  }
  return ms;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
