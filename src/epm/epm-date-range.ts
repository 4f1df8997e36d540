import { ValidationError } from "../errors/validation-error.js";
import { TIME_RULE } from "../time/accepted-time-forms.js";
import { formatUtcDay } from "../time/format-utc-day.js";
import { startOfUtcDay } from "../time/start-of-utc-day.js";
import { isUtcDay, parseUtcDay } from "../time/utc-day.js";

/**
 * A calendar day for EPM: a `YYYY-MM-DD` text or a Date (its UTC day is used).
 *
 * @example
 * ```ts
 * const from: EpmDateInput = "2026-03-01";
 * ```
 */
export type EpmDateInput = Date | string;

/**
 * An inclusive range of days, as the audit report methods take it.
 *
 * @example
 * ```ts
 * const range: EpmDateRange = { from: "2026-03-01", to: new Date("2026-03-31") };
 * ```
 */
export interface EpmDateRange {
  /** First day, inclusive. */
  from: EpmDateInput;
  /** Last day, inclusive. */
  to: EpmDateInput;
}

/**
 * A range as EPM wants it: two `YYYY-MM-DD` days.
 *
 * @example
 * ```ts
 * const range: ResolvedEpmDateRange = { from: "2026-03-01", to: "2026-03-31" };
 * ```
 */
export interface ResolvedEpmDateRange {
  from: string;
  to: string;
}

/**
 * What {@link resolveEpmDateRange} checks the range against.
 *
 * @example
 * ```ts
 * const options: ResolveEpmDateRangeOptions = { report: "userLogins", retentionDays: 90, now: Date.now() };
 * ```
 */
export interface ResolveEpmDateRangeOptions {
  /** Report name for messages, e.g. "Group Assignment Audit". */
  report: string;
  /** Days the report reaches back, and the longest span it accepts. */
  retentionDays: number;
  /** The current time in epoch ms (passed in; never read from the clock here). */
  now: number;
}

const DAY_MS = 86_400_000;

/**
 * Checks a report's date range before any request is sent, as EPM would: days in
 * `YYYY-MM-DD` (or Dates, taken as their UTC day), `from <= to`, `from` no further back than
 * the report's retention window from today (UTC), and a span no longer than that window.
 *
 * @param range - the range asked for
 * @param options - report name, retention and the current time
 * @returns the range as two `YYYY-MM-DD` days
 * @throws {@link ValidationError} naming the report and the limit
 * @example
 * ```ts
 * resolveEpmDateRange({ from: "2026-01-01", to: new Date("2026-01-31T12:00:00Z") },
 *   { report: "Group Assignment Audit", retentionDays: 120, now: Date.parse("2026-02-01T00:00:00Z") })
 * //=> { from: "2026-01-01", to: "2026-01-31" }
 * ```
 */
export function resolveEpmDateRange(
  range: EpmDateRange | undefined,
  options: ResolveEpmDateRangeOptions,
): ResolvedEpmDateRange {
  const { report, retentionDays } = options;
  if (!range || range.from === undefined || range.to === undefined) {
    throw new ValidationError(
      `${report} report needs a date range: pass { from, to } as YYYY-MM-DD texts or Dates.`,
    );
  }
  const from = toDay(range.from, "from", report);
  const to = toDay(range.to, "to", report);
  if (from > to) {
    throw new ValidationError(
      `${report} report: from (${format(from)}) is after to (${format(to)}). Swap them or fix one.`,
    );
  }
  const today = startOfUtcDay(options.now);
  const earliest = today - retentionDays * DAY_MS;
  if (from < earliest) {
    throw new ValidationError(
      `${report} report reaches back ${retentionDays} days: from ${format(from)} is before ${format(earliest)} (${retentionDays} days before ${format(today)}, UTC). Use from >= ${format(earliest)}, or read older rows from an archive.`,
    );
  }
  if (to - from > retentionDays * DAY_MS) {
    throw new ValidationError(
      `${report} report covers at most ${retentionDays} days: ${format(from)} to ${format(to)} is ${(to - from) / DAY_MS} days. Split the range.`,
    );
  }
  return { from: format(from), to: format(to) };
}

function toDay(value: EpmDateInput, field: "from" | "to", report: string): number {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw new ValidationError(`${report} report: ${field} is an invalid Date.`);
    return startOfUtcDay(ms);
  }
  if (!isUtcDay(value)) {
    throw new ValidationError(
      `${report} report: ${field} ${JSON.stringify(value)} is not a day in YYYY-MM-DD (e.g. 2026-01-31) nor a Date. ${TIME_RULE}`,
    );
  }
  return parseUtcDay(value);
}

function format(ms: number): string {
  return formatUtcDay(ms);
}
