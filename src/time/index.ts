/**
 * `epm-audit-kit/time`: the one time rule. `YYYY-MM-DD` is a UTC calendar day; windows are whole
 * inclusive UTC days; a timestamp carries a zone or is read as UTC. Built on date-fns with @date-fns/utc.
 *
 * @packageDocumentation
 */

export { TIME_RULE, timeInputError } from "./accepted-time-forms.js";
export { addUtcDays } from "./add-utc-days.js";
export { clampToRetention, type RetentionCoverage } from "./clamp-to-retention.js";
export { formatInstant } from "./format-instant.js";
export { formatUtcDay } from "./format-utc-day.js";
export type { InstantRange } from "./instant-range.js";
export { type InstantInput, parseInstant, parseInstantWithZone, type ZoneSource } from "./parse-instant.js";
export { startOfUtcDay } from "./start-of-utc-day.js";
export { isUtcDay, parseUtcDay, type UtcDay } from "./utc-day.js";
export {
  dayCount,
  daysOf,
  describeUtcDayWindow,
  toInstantRange,
  type UtcDayWindow,
  utcDayWindow,
} from "./utc-day-window.js";
export { type LastDaysOptions, windowOfLastDays } from "./window-of-last-days.js";
