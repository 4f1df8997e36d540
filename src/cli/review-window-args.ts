import { isUtcDay } from "../time/utc-day.js";
import { UsageError } from "./usage-error.js";

/**
 * The `--from`/`--to` days of the findings, evidence and siem commands: both required, each a
 * UTC calendar day `YYYY-MM-DD`, from not after to.
 *
 * @param from - the --from value
 * @param to - the --to value
 * @returns the inclusive window
 * @throws {@link UsageError} naming the flag
 * @example
 * ```ts
 * reviewWindowArgs("2026-11-01", "2026-11-30") //=> { from: "2026-11-01", to: "2026-11-30" }
 * ```
 */
export function reviewWindowArgs(
  from: string | undefined,
  to: string | undefined,
): { from: string; to: string } {
  for (const [flag, value] of [
    ["--from", from],
    ["--to", to],
  ] as const) {
    if (!value) throw new UsageError(`${flag} YYYY-MM-DD is required (a UTC calendar day)`);
    if (!isUtcDay(value)) {
      throw new UsageError(`${flag} must be a UTC calendar day YYYY-MM-DD, got "${value.slice(0, 40)}"`);
    }
  }
  if (from! > to!) throw new UsageError(`--from ${from} is after --to ${to}: the window would be empty`);
  return { from: from!, to: to! };
}
