/**
 * The one time rule, as every `--help` states it (the README says the same).
 *
 * @example
 * ```ts
 * const HELP = `epm-audit-kit report …\n\n${TIME_RULE_HELP}`;
 * ```
 */
export const TIME_RULE_HELP = `Dates and times: YYYY-MM-DD is a UTC calendar day; windows are whole inclusive UTC days;
--days N means the N complete UTC days before today (add --to today to include today's partial
day); timestamps carry a zone (Z or +hh:mm) or are read as UTC.
`;
