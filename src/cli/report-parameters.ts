import { ValidationError } from "../errors/validation-error.js";
import { addUtcDays } from "../time/add-utc-days.js";
import { formatInstant } from "../time/format-instant.js";
import { formatUtcDay } from "../time/format-utc-day.js";
import { parseUtcDay } from "../time/utc-day.js";
import { dayCount, toInstantRange, type UtcDayWindow, utcDayWindow } from "../time/utc-day-window.js";
import { windowOfLastDays } from "../time/window-of-last-days.js";

/**
 * The environment variables a notebook reads its parameters from.
 *
 * @example
 * ```ts
 * REPORT_ENV_VARS.includes("KIT_DAYS") //=> true
 * ```
 */
export const REPORT_ENV_VARS = Object.freeze(["KIT_FROM", "KIT_TO", "KIT_DAYS", "KIT_OUT"] as const);

/**
 * What a notebook run covers and where it writes.
 *
 * @example
 * ```ts
 * const { window, dayCount }: ReportParameters = run.parameters;
 * ```
 */
export interface ReportParameters {
  /** The window `[from 00:00Z, the day after to 00:00Z)` as instants, capped at now, for the frame helpers and Anaplan. */
  window: { from: Date; to: Date };
  /** The same window as inclusive UTC days, for the EPM reports. */
  days: UtcDayWindow;
  /** Number of days in the window, both ends counted. */
  dayCount: number;
  /** True when the window's last day is today (UTC), still partial. */
  includesToday: boolean;
  /** Folder for files the notebook writes (CSV of its findings). */
  outDir: string;
  /** One line for the reader: "2026-11-08 → 2026-11-21 (14 days, UTC)". */
  description: string;
}

/**
 * How a report window is asked for: the CLI's `--from/--to/--days`, or `KIT_FROM/KIT_TO/KIT_DAYS`.
 *
 * @example
 * ```ts
 * const input: ReportWindowInput = { days: 7, to: "today" };
 * ```
 */
export interface ReportWindowInput {
  /** First day, `YYYY-MM-DD`. */
  from?: string | undefined;
  /** Last day, `YYYY-MM-DD` or `today` (which includes today's partial day). */
  to?: string | undefined;
  /** Number of days: alone, the N complete UTC days before today; with `to`, the N days ending with `to`. */
  days?: string | number | undefined;
}

/**
 * Default number of days when no window is given.
 *
 * @example
 * ```ts
 * DEFAULT_REPORT_DAYS //=> 14
 * ```
 */
export const DEFAULT_REPORT_DAYS = 14;

/**
 * Turns `--from/--to/--days` (or `KIT_FROM/KIT_TO/KIT_DAYS`) into whole inclusive UTC days,
 * against one `now`: compute it once per run and pass the two days down, so every part of the
 * run (and a rerun tomorrow) covers the same days.
 * - `from` + `to`: those days, both included; `to` may be `today` (today's partial day included).
 * - `days` N alone (default 14): the N complete UTC days before today.
 * - `days` N + `to`: the N days ending with `to` (`--days 7 --to today`: today and the 6 before).
 *
 * @param input - the options as given (text or numbers)
 * @param now - the current time in epoch ms
 * @param names - the names to use in messages @default the KIT_* variable names
 * @returns the window of days
 * @throws {@link ValidationError} naming the option: a malformed day (listing the accepted forms),
 *   from without to, from with days, from after to, a window starting after today, or days not a
 *   whole number from 1 to 366
 * @example
 * ```ts
 * resolveReportWindow({ days: 30 }, Date.parse("2026-12-06T02:46:00Z")) //=> { from: "2026-11-06", to: "2026-12-05" }
 * resolveReportWindow({ from: "2026-11-01", to: "today" }, Date.parse("2026-12-06T02:46:00Z")) //=> { from: "2026-11-01", to: "2026-12-06" }
 * ```
 */
export function resolveReportWindow(
  input: ReportWindowInput,
  now: number,
  names: { from: string; to: string; days: string } = { from: "KIT_FROM", to: "KIT_TO", days: "KIT_DAYS" },
): UtcDayWindow {
  const { from, to } = input;
  const daysText = input.days === undefined ? undefined : String(input.days).trim();
  const today = formatUtcDay(now);
  if (from !== undefined && daysText !== undefined) {
    throw new ValidationError(`Set either ${names.from}/${names.to} or ${names.days}, not both.`);
  }
  if (from !== undefined && to === undefined) {
    throw new ValidationError(
      `Set both ${names.from} and ${names.to} (YYYY-MM-DD, both days included; ${names.to} may be "today"), or ${names.days} alone.`,
    );
  }
  const lastDay = to === undefined ? undefined : to.trim() === "today" ? today : to;
  if (from === undefined && to !== undefined && daysText === undefined) {
    throw new ValidationError(`Set ${names.from} with ${names.to}, or ${names.days} with ${names.to}.`);
  }
  let window: UtcDayWindow;
  if (from !== undefined) {
    window = utcDayWindow(from, lastDay, [names.from, names.to]);
  } else {
    const n = Number(daysText ?? DEFAULT_REPORT_DAYS);
    if (!/^\d+$/.test(daysText ?? "14") || !Number.isInteger(n) || n < 1 || n > 366) {
      throw new ValidationError(
        `${names.days} must be a whole number of days from 1 to 366, got "${daysText}".`,
      );
    }
    if (lastDay === undefined) {
      window = windowOfLastDays(n, now);
    } else {
      parseUtcDay(lastDay, names.to);
      window = { from: addUtcDays(lastDay, -(n - 1)), to: lastDay };
    }
  }
  if (parseUtcDay(window.from) > parseUtcDay(today)) {
    throw new ValidationError(
      `The window ${window.from} → ${window.to} starts after today (${today}, UTC): there is no data for it yet.`,
    );
  }
  return window;
}

/**
 * Reads a notebook's parameters from environment variables: `KIT_FROM` and `KIT_TO` (UTC days,
 * both inclusive; `KIT_TO=today` includes today's partial day) or `KIT_DAYS` (the N complete
 * UTC days before today; default 14), and `KIT_OUT` (output folder; default `out`). The report
 * command computes the days once and passes `KIT_FROM`/`KIT_TO`, so every notebook of a run
 * covers the same days. The window as instants ends at `now` when it includes today.
 *
 * @param env - the environment. @default process.env
 * @param now - the current time in epoch ms (the simulator's clock when it is used). @default Date.now()
 * @returns the window (as instants and as days), its length and the output folder
 * @throws {@link ValidationError} see {@link resolveReportWindow}
 * @example
 * ```ts
 * readReportParameters({ KIT_FROM: "2026-11-01", KIT_TO: "2026-11-14" }, Date.parse("2026-12-01"))
 * //=> { window: { from: 2026-11-01T00:00Z, to: 2026-11-15T00:00Z }, days: { from: "2026-11-01", to: "2026-11-14" }, dayCount: 14, … }
 * ```
 */
export function readReportParameters(
  env: Record<string, string | undefined> = process.env,
  now: number = Date.now(),
): ReportParameters {
  const get = (name: (typeof REPORT_ENV_VARS)[number]) => env[name]?.trim() || undefined;
  const days = resolveReportWindow({ from: get("KIT_FROM"), to: get("KIT_TO"), days: get("KIT_DAYS") }, now);
  const range = toInstantRange(days);
  const to = Math.min(range.to, now);
  const includesToday = range.to > now;
  const n = dayCount(days);
  const partial = includesToday ? `; today up to ${formatInstant(now).slice(11, 16)} UTC` : "";
  return {
    window: { from: new Date(range.from), to: new Date(to) },
    days,
    dayCount: n,
    includesToday,
    outDir: get("KIT_OUT") ?? "out",
    description: `${days.from} → ${days.to} (${n} day${n === 1 ? "" : "s"}, UTC${partial})`,
  };
}
