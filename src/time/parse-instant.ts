import { utc } from "@date-fns/utc";
import { isValid, parseISO } from "date-fns";
import { timeInputError } from "./accepted-time-forms.js";
import { isUtcDay } from "./utc-day.js";

/**
 * A point in time as the kit accepts it: a Date, epoch milliseconds, or ISO-8601 text (see
 * {@link parseInstant}).
 *
 * @example
 * ```ts
 * const inputs: InstantInput[] = [new Date(), 1793836800000, "2026-11-05", "2026-11-05T08:30:00Z"];
 * ```
 */
export type InstantInput = Date | number | string;

/**
 * `YYYY-MM-DDTHH:MM[:SS[.f…]]` then an optional zone `Z`, `±HH:MM` or `±HHMM` (Anaplan sends
 * `+0000`). Hours 00-23, minutes and seconds 00-59 (date-fns refuses :60), offsets up to ±23:59.
 */
const TIMESTAMP_SHAPE =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(?<zone>Z|[+-]([01]\d|2[0-3]):?[0-5]\d)?$/;

/**
 * Whether a timestamp text names its zone; without one the kit reads it as UTC.
 *
 * @example
 * ```ts
 * parseInstantWithZone("2026-11-05T08:30").zone //=> "assumed UTC"
 * ```
 */
export type ZoneSource = "given" | "assumed UTC";

/**
 * Reads a point in time, by the kit's rule: a Date or epoch ms as they are; `YYYY-MM-DD` as
 * 00:00 UTC of that day; a timestamp `YYYY-MM-DDTHH:MM[:SS[.fff]]` in the zone it carries (`Z`,
 * `±HH:MM` or `±HHMM`), or in UTC when it carries none. Digits past milliseconds are dropped.
 * The shape is checked with a strict pattern before date-fns parses, so partial or ambiguous
 * text (`2026-11`, `20261105`, `2026-W45-4`, `11/03/2026`, a space for `T`) and impossible dates
 * (`2026-02-30`, `T24:00`) are refused rather than guessed.
 *
 * @param value - the point in time
 * @param label - what the value is, for the message @default "time"
 * @returns epoch milliseconds
 * @throws {@link ValidationError} listing the accepted forms
 * @example
 * ```ts
 * parseInstant("2026-11-05") //=> 1793836800000 (00:00Z)
 * parseInstant("2026-11-05T08:30:00+0000") //=> 1793867400000
 * parseInstant("2026-11-05T08:30") //=> 1793867400000 (read as UTC)
 * ```
 */
export function parseInstant(value: InstantInput, label = "time"): number {
  return parseInstantWithZone(value, label).ms;
}

/**
 * Like {@link parseInstant}, and also says whether the zone was given or assumed to be UTC, so
 * output can state it.
 *
 * @param value - the point in time
 * @param label - what the value is, for the message @default "time"
 * @returns epoch ms and where its zone came from (Dates, numbers and days count as "given")
 * @throws {@link ValidationError} listing the accepted forms
 * @example
 * ```ts
 * parseInstantWithZone("2026-11-05T08:30") //=> { ms: 1793867400000, zone: "assumed UTC" }
 * ```
 */
export function parseInstantWithZone(value: InstantInput, label = "time"): { ms: number; zone: ZoneSource } {
  if (value instanceof Date || typeof value === "number") {
    const ms = value instanceof Date ? value.getTime() : value;
    if (!Number.isFinite(ms)) throw timeInputError(label, value, "instant");
    return { ms, zone: "given" };
  }
  if (typeof value === "string") {
    if (isUtcDay(value)) return { ms: parseISO(value, { in: utc }).getTime(), zone: "given" };
    const shape = TIMESTAMP_SHAPE.exec(value);
    if (shape) {
      const date = parseISO(value, { in: utc });
      if (isValid(date) && isUtcDay(value.slice(0, 10))) {
        return { ms: date.getTime(), zone: shape.groups?.zone === undefined ? "assumed UTC" : "given" };
      }
    }
  }
  throw timeInputError(label, value, "instant");
}
