import { isKitError } from "../errors/kit-error.js";
import { resolveReportWindow } from "./report-parameters.js";
import { UsageError } from "./usage-error.js";

/** A report window as whole UTC days, both included: what every notebook of a run gets. */
export interface ReportWindow {
  from: string;
  to: string;
}

/**
 * Resolves `--from`, `--to` and `--days` once, against one "now", into two UTC days with the
 * very rules the notebooks apply to KIT_FROM/KIT_TO/KIT_DAYS ({@link resolveReportWindow}):
 * `--days N` is the N complete UTC days before today, `--to today` includes today's partial
 * day. A bad date stops the command before any server or Jupyter starts, naming the flag; the
 * days are then passed to every notebook as KIT_FROM/KIT_TO, so all of them (and a rerun
 * tomorrow) cover the same days.
 *
 * @param flags - the flags as typed (undefined when not given)
 * @param now - the current time in epoch ms. @default Date.now()
 * @returns the window's first and last day
 * @throws {@link UsageError} naming the flag to fix
 * @example
 * ```ts
 * checkReportWindow({ days: "7" }, Date.parse("2026-12-06T02:00:00Z")) //=> { from: "2026-11-29", to: "2026-12-05" }
 * checkReportWindow({ from: "2026-02-30", to: "2026-03-01" }) //=> UsageError: --from ("2026-02-30") is not a UTC day …
 * ```
 */
export function checkReportWindow(
  flags: { from?: string | undefined; to?: string | undefined; days?: string | undefined },
  now: number = Date.now(),
): ReportWindow {
  try {
    return resolveReportWindow({ from: flags.from, to: flags.to, days: flags.days }, now, {
      from: "--from",
      to: "--to",
      days: "--days",
    });
  } catch (error) {
    if (!isKitError(error) || error.code !== "E_VALIDATION") throw error;
    throw new UsageError(error.message, { cause: error });
  }
}
