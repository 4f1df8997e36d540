const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];

// 2026-01-05 14:03:11 | 2026-01-05T14:03:11.123Z | 2026-01-05T14:03:11+01:00 | 2026-01-05 14:03:11 UTC | 2026-01-05
const NUMERIC =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;
// July 28, 2022 18:43:21 UTC | Jul 28, 2022 18:43 | July 28, 2022
const NAMED =
  /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses one EPM report timestamp to epoch milliseconds (UTC). EPM writes its reports in UTC,
 * 24-hour clock; a value without a zone is read as UTC. Accepted:
 * `2026-01-05 14:03:11`, ISO 8601 (`2026-01-05T14:03:11Z`, fractions, `+01:00` offsets),
 * `July 28, 2022 18:43:21 UTC` (full or three-letter English month), and a bare `2026-01-05`.
 * Fractions beyond milliseconds are truncated.
 *
 * @param text - the cell text
 * @returns epoch ms, or undefined when the text fits no format or names an impossible date
 * @example
 * ```ts
 * parseEpmTimestamp("2026-01-05 14:03:11")        //=> 1767621791000
 * parseEpmTimestamp("July 28, 2022 18:43:21 UTC") //=> 1659033801000
 * parseEpmTimestamp("28/07/2022")                 //=> undefined
 * ```
 */
export function parseEpmTimestamp(text: string): number | undefined {
  const value = text.trim();
  const n = NUMERIC.exec(value);
  if (n) {
    const ms = n[7] ? Number(n[7].slice(0, 3).padEnd(3, "0")) : 0;
    return build(+n[1]!, +n[2]!, +n[3]!, +(n[4] ?? 0), +(n[5] ?? 0), +(n[6] ?? 0), ms, n[8]);
  }
  const m = NAMED.exec(value);
  if (m) {
    const name = m[1]!.toLowerCase();
    const month = MONTHS.findIndex((full) => full === name || (name.length === 3 && full.startsWith(name)));
    if (month < 0) return undefined;
    return build(+m[3]!, month + 1, +m[2]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0), 0, m[7]);
  }
  return undefined;
}

function build(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  ms: number,
  zone: string | undefined,
): number | undefined {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  // Date.UTC rolls 2026-02-30 over into March: refuse instead.
  if (new Date(utc).getUTCDate() !== day) return undefined;
  return utc - offsetMs(zone);
}

function offsetMs(zone: string | undefined): number {
  if (!zone || /^(Z|UTC|GMT)$/i.test(zone)) return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4))) * 60_000;
}
