import { ValidationError } from "../errors/validation-error.js";

/**
 * The environment variables a notebook reads its parameters from.
 *
 * @example
 * ```ts
 * REPORT_ENV_VARS.includes("KIT_DAYS") //=> true
 * ```
 */
export const REPORT_ENV_VARS = Object.freeze(["KIT_FROM", "KIT_TO", "KIT_DAYS", "KIT_OUT"] as const);

/** What a notebook run covers and where it writes. */
export interface ReportParameters {
  /** The window `[from, to)` as instants, for the frame helpers and Anaplan. */
  window: { from: Date; to: Date };
  /** The same window as inclusive UTC days, for the EPM reports. */
  days: { from: string; to: string };
  /** Length of the window in days (rounded up). */
  dayCount: number;
  /** Folder for files the notebook writes (CSV of its findings). */
  outDir: string;
  /** One line for the reader: "2026-11-08 → 2026-11-21 (14 days, UTC)". */
  description: string;
}

const DAY_MS = 86_400_000;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

function parseDay(name: string, value: string): number {
  const ms = Date.parse(`${value}T00:00:00Z`);
  if (!DAY.test(value) || !Number.isFinite(ms) || dayOf(ms) !== value) {
    throw new ValidationError(`${name} must be a day as YYYY-MM-DD (UTC), got "${value}".`);
  }
  return ms;
}

/**
 * Reads a notebook's parameters from environment variables: `KIT_FROM` and `KIT_TO` (UTC days,
 * both inclusive) or `KIT_DAYS` (the last N days up to `now`; default 14), and `KIT_OUT` (output
 * folder; default `out`). `npm run report` sets them from its `--from/--to/--days/--out` options.
 *
 * @param env - the environment. @default process.env
 * @param now - the current time in epoch ms (the simulator's clock when it is used). @default Date.now()
 * @returns the window (as instants and as days), its length and the output folder
 * @throws {@link ValidationError} for a malformed day, only one of KIT_FROM/KIT_TO, from after
 *   to, both a range and KIT_DAYS, or KIT_DAYS not a whole number from 1 to 366
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
  const [fromText, toText, daysText] = [get("KIT_FROM"), get("KIT_TO"), get("KIT_DAYS")];
  let from: number;
  let to: number;
  if (fromText || toText) {
    if (!fromText || !toText) {
      throw new ValidationError("Set both KIT_FROM and KIT_TO (YYYY-MM-DD), or neither and KIT_DAYS.");
    }
    if (daysText) throw new ValidationError("Set either KIT_FROM/KIT_TO or KIT_DAYS, not both.");
    from = parseDay("KIT_FROM", fromText);
    to = Math.min(parseDay("KIT_TO", toText) + DAY_MS, now);
    if (from >= to) {
      throw new ValidationError(
        `KIT_FROM (${fromText}) must be on or before KIT_TO (${toText}) and before now (${new Date(now).toISOString()}).`,
      );
    }
  } else {
    const days = Number(daysText ?? "14");
    if (!Number.isInteger(days) || days < 1 || days > 366) {
      throw new ValidationError(`KIT_DAYS must be a whole number of days from 1 to 366, got "${daysText}".`);
    }
    to = now;
    from = now - days * DAY_MS;
  }
  const dayCount = Math.ceil((to - from) / DAY_MS);
  const days = { from: dayOf(from), to: dayOf(to - 1) };
  return {
    window: { from: new Date(from), to: new Date(to) },
    days,
    dayCount,
    outDir: get("KIT_OUT") ?? "out",
    description: `${days.from} → ${days.to} (${dayCount} day${dayCount === 1 ? "" : "s"}, UTC)`,
  };
}
