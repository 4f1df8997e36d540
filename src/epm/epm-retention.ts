import { ValidationError } from "../errors/validation-error.js";
import { EPM_REPORTS, type EpmReportName } from "./epm-report-definitions.js";

/**
 * Days each audit report reaches back, per report; current-state reports take no range.
 *
 * @example
 * ```ts
 * const retention: EpmRetentionDays = { userLogins: 90, invalidLogins: 30 };
 * ```
 */
export type EpmRetentionDays = Partial<Record<EpmReportName, number>>;

/**
 * Resolves how far back each EPM audit report reaches: Oracle's defaults (group audit and user
 * logins 120 days, role audit and invalid logins 30), raised where the Identity Console extends
 * them (up to 90 for those two). Overrides above a report's maximum, or for a report that takes
 * no range, are refused.
 *
 * @param overrides - e.g. `{ roleAssignmentAudit: 90, invalidLogins: 90 }`
 * @returns a lookup from report name to days (undefined for current-state reports)
 * @throws {@link ValidationError} for an override that is not a whole number within the report's maximum
 * @example
 * ```ts
 * const days = resolveEpmRetention({ invalidLogins: 90 });
 * days("invalidLogins")       //=> 90
 * days("roleAssignmentAudit") //=> 30
 * days("userGroups")          //=> undefined
 * ```
 */
export function resolveEpmRetention(
  overrides: EpmRetentionDays = {},
): (name: EpmReportName) => number | undefined {
  for (const [name, days] of Object.entries(overrides) as Array<[EpmReportName, number | undefined]>) {
    const def = EPM_REPORTS[name];
    if (!def) throw new ValidationError(`[epm] retentionDays names an unknown report "${name}".`);
    if (days === undefined) continue;
    if (def.maxRetentionDays === undefined) {
      throw new ValidationError(
        `[epm] retentionDays.${name}: the ${def.title} report shows the current state and takes no date range.`,
      );
    }
    if (!Number.isInteger(days) || days < 1 || days > def.maxRetentionDays) {
      throw new ValidationError(
        `[epm] retentionDays.${name} must be a whole number of days from 1 to ${def.maxRetentionDays} (Oracle's maximum for the ${def.title} report), got ${String(days)}.`,
      );
    }
  }
  return (name) => overrides[name] ?? EPM_REPORTS[name].retentionDays;
}
