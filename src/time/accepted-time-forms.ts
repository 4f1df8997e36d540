import { ValidationError } from "../errors/validation-error.js";

/**
 * The kit's one time rule, in words: shown by every refusal of a date or time, and by `--help`.
 *
 * @example
 * ```ts
 * console.log(TIME_RULE);
 * //=> "Dates: YYYY-MM-DD is a UTC calendar day (e.g. 2026-11-05). Timestamps: ..."
 * ```
 */
export const TIME_RULE =
  "Dates: YYYY-MM-DD is a UTC calendar day (e.g. 2026-11-05); a window of days includes both ends. " +
  "Timestamps: YYYY-MM-DDTHH:MM[:SS[.fff]] with a zone, Z or ±HH:MM (±HHMM also read), e.g. 2026-11-05T08:30:00Z; " +
  "without a zone a timestamp is read as UTC.";

/**
 * A {@link ValidationError} for date or time text the kit will not guess at (ambiguous,
 * partial or impossible), naming the input and listing the accepted forms.
 *
 * @param label - what the value is, for the message ("KIT_FROM", "getEvents: from")
 * @param value - the value refused
 * @param accepts - "day" when only `YYYY-MM-DD` is accepted, "instant" when timestamps are too
 * @returns the error, to throw
 * @example
 * ```ts
 * throw timeInputError("--from", "11/03/2026", "day");
 * //=> ValidationError: --from ("11/03/2026") is not a UTC day. Accepted: YYYY-MM-DD (a UTC calendar day, e.g. 2026-11-05) ...
 * ```
 */
export function timeInputError(label: string, value: unknown, accepts: "day" | "instant"): ValidationError {
  const shown =
    value instanceof Date ? JSON.stringify("Invalid Date") : (JSON.stringify(value) ?? String(value));
  const what = accepts === "day" ? "a UTC day" : "a date or time";
  const forms =
    accepts === "day"
      ? "YYYY-MM-DD (a UTC calendar day, e.g. 2026-11-05)"
      : "YYYY-MM-DD (a UTC calendar day, e.g. 2026-11-05), YYYY-MM-DDTHH:MM[:SS[.fff]] with Z or ±HH:MM (e.g. 2026-11-05T08:30:00Z; without a zone it is read as UTC), a Date, or epoch milliseconds";
  return new ValidationError(
    `${label} (${shown}) is not ${what}. Accepted: ${forms}. Forms such as 11/03/2026, 2026-1-3, 2026-11, 20261105, 2026-W45-4 or 3 Nov are refused as ambiguous or partial, and impossible days such as 2026-02-30 as invalid.`,
  );
}
