import { ValidationError } from "../errors/validation-error.js";

/**
 * An instant as ISO-8601 text in UTC, ending in `Z`, so output always says which zone it is in.
 *
 * @param instant - epoch ms or a Date
 * @returns e.g. `2026-11-05T08:30:00.000Z`
 * @throws {@link ValidationError} for an invalid Date or a non-finite number
 * @example
 * ```ts
 * formatInstant(1793868600000) //=> "2026-11-05T08:30:00.000Z"
 * ```
 */
export function formatInstant(instant: number | Date): string {
  const ms = instant instanceof Date ? instant.getTime() : instant;
  if (!Number.isFinite(ms)) throw new ValidationError(`Not a point in time: ${String(instant)}.`);
  return new Date(ms).toISOString();
}
