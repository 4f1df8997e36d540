import { utc } from "@date-fns/utc";
import { isValid, parseISO } from "date-fns";
import { timeInputError } from "./accepted-time-forms.js";

/**
 * A UTC calendar day written `YYYY-MM-DD`.
 *
 * @example
 * ```ts
 * const day: UtcDay = "2026-11-05";
 * ```
 */
export type UtcDay = string;

const DAY_SHAPE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/**
 * Tells whether text is exactly a real UTC day `YYYY-MM-DD` (no other shape, no 30 February).
 *
 * @param text - anything
 * @returns true for a valid `YYYY-MM-DD` day
 * @example
 * ```ts
 * isUtcDay("2028-02-29") //=> true
 * isUtcDay("2026-02-29") //=> false
 * isUtcDay("2026-11") //=> false
 * ```
 */
export function isUtcDay(text: unknown): boolean {
  if (typeof text !== "string" || !DAY_SHAPE.test(text)) return false;
  const date = parseISO(text, { in: utc });
  // parseISO refuses 2026-02-30 itself; the round trip is a second guard.
  return isValid(date) && date.toISOString().slice(0, 10) === text;
}

/**
 * Reads a UTC calendar day. The shape is checked first with a strict pattern (date-fns'
 * `parseISO` alone would accept `2026-11`, `20261105` or `2026-W45-4`), then date-fns checks the
 * day exists.
 *
 * @param text - `YYYY-MM-DD`
 * @param label - what the value is, for the message @default "day"
 * @returns epoch ms of 00:00 UTC that day
 * @throws {@link ValidationError} listing the accepted forms, for any other text
 * @example
 * ```ts
 * parseUtcDay("2026-11-05") //=> 1793836800000 (2026-11-05T00:00:00Z)
 * parseUtcDay("2026-02-30") // throws ValidationError
 * ```
 */
export function parseUtcDay(text: unknown, label = "day"): number {
  if (!isUtcDay(text)) throw timeInputError(label, text, "day");
  return parseISO(text as string, { in: utc }).getTime();
}
