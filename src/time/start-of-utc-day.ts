import { utc } from "@date-fns/utc";
import { startOfDay } from "date-fns";
import { ValidationError } from "../errors/validation-error.js";

/**
 * 00:00 UTC of the day an instant falls on, whatever the process time zone.
 *
 * @param instant - epoch ms or a Date
 * @returns epoch ms of that day's start
 * @throws {@link ValidationError} for an invalid Date or a non-finite number
 * @example
 * ```ts
 * startOfUtcDay(Date.parse("2026-11-05T23:30:00-05:00")) //=> Date.parse("2026-11-06T00:00:00Z")
 * ```
 */
export function startOfUtcDay(instant: number | Date): number {
  const ms = instant instanceof Date ? instant.getTime() : instant;
  if (!Number.isFinite(ms)) throw new ValidationError(`Not a point in time: ${String(instant)}.`);
  return startOfDay(ms, { in: utc }).getTime();
}
