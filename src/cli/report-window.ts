import { isKitError } from "../errors/kit-error.js";
import { readReportParameters } from "./report-parameters.js";
import { UsageError } from "./usage-error.js";

/** A report window as the command line gives it: `--from`/`--to` days, or `--days N`. */
export interface ReportWindow {
  from?: string | undefined;
  to?: string | undefined;
  days?: number | undefined;
}

/** The notebook variables and the flags that set them. */
const FLAG_OF: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bKIT_FROM\b/g, "--from"],
  [/\bKIT_TO\b/g, "--to"],
  [/\bKIT_DAYS\b/g, "--days"],
];

/**
 * Checks `--from`, `--to` and `--days` with the very rules the notebooks apply to KIT_FROM,
 * KIT_TO and KIT_DAYS ({@link readReportParameters}), so a bad date stops the command before any
 * server or Jupyter starts, with a message that names the flag instead of the variable.
 *
 * @param flags - the flags as typed (undefined when not given)
 * @param now - the current time in epoch ms. @default Date.now()
 * @returns the window to pass on (days as a number)
 * @throws {@link UsageError} naming the flag to fix
 * @example
 * ```ts
 * checkReportWindow({ days: "7" }) //=> { from: undefined, to: undefined, days: 7 }
 * checkReportWindow({ from: "2026-02-30", to: "2026-03-01" }) //=> UsageError: --from must be a day …
 * ```
 */
export function checkReportWindow(
  flags: { from?: string | undefined; to?: string | undefined; days?: string | undefined },
  now: number = Date.now(),
): ReportWindow {
  const env: Record<string, string | undefined> = {
    KIT_FROM: flags.from,
    KIT_TO: flags.to,
    KIT_DAYS: flags.days,
  };
  try {
    readReportParameters(env, now);
  } catch (error) {
    if (!isKitError(error) || error.code !== "E_VALIDATION") throw error;
    let message = error.message;
    for (const [variable, flag] of FLAG_OF) message = message.replace(variable, flag);
    throw new UsageError(message, { cause: error });
  }
  return { from: flags.from, to: flags.to, days: flags.days === undefined ? undefined : Number(flags.days) };
}
