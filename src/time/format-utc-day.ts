import { utc } from "@date-fns/utc";
import { format } from "date-fns";
import { ValidationError } from "../errors/validation-error.js";
import type { UtcDay } from "./utc-day.js";

/**
 * The UTC calendar day of an instant, as `YYYY-MM-DD`, whatever the process time zone.
 *
 * @param instant - epoch ms or a Date
 * @returns the UTC day
 * @throws {@link ValidationError} for an invalid Date or a non-finite number
 * @example
 * ```ts
 * formatUtcDay(Date.parse("2026-11-01T23:59:59Z")) //=> "2026-11-01"
 * ```
 */
export function formatUtcDay(instant: number | Date): UtcDay {
  const ms = instant instanceof Date ? instant.getTime() : instant;
  if (!Number.isFinite(ms)) throw new ValidationError(`Not a point in time: ${String(instant)}.`);
  return format(ms, "yyyy-MM-dd", { in: utc });
}
