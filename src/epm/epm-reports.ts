import type { DataFrame } from "nodejs-polars";
import type { EpmContext } from "./epm-context.js";
import type { EpmDateRange } from "./epm-date-range.js";
import type { EpmFiles } from "./epm-files.js";
import type { EpmJobs } from "./epm-jobs.js";
import { EPM_REPORTS, type EpmReportName } from "./epm-report-definitions.js";
import { type EpmReportOptions, fetchEpmReport } from "./fetch-epm-report.js";

/**
 * The six security and audit reports as typed DataFrames (`epm.reports`). Each call generates
 * the report under a fresh file name, waits for it, downloads and parses it, and deletes the
 * file afterwards (unless `keepFiles`). Ranges are validated before any request: days as
 * `YYYY-MM-DD` or Dates, `from <= to`, within the report's retention window.
 *
 * Every method throws {@link ValidationError} (range), AuthError (401), EpmJobError (EPM
 * status > 0), PayloadError (unreadable file or cell), HttpError, NetworkError, TimeoutError.
 *
 * @example
 * ```ts
 * const changes = await epm.reports.groupAssignmentAudit({ from: "2026-01-01", to: "2026-01-31" });
 * changes.columns //=> ["name","type","group","groupType","action","performedBy","dateAndTime"]
 * ```
 */
export class EpmReports {
  readonly #ctx: EpmContext;
  readonly #jobs: EpmJobs;
  readonly #files: EpmFiles;

  constructor(context: EpmContext, jobs: EpmJobs, files: EpmFiles) {
    this.#ctx = context;
    this.#jobs = jobs;
    this.#files = files;
  }

  /** Group membership changes (who was added to or removed from which group, by whom); 120 days back. */
  groupAssignmentAudit(range: EpmDateRange, options?: EpmReportOptions): Promise<DataFrame> {
    return this.fetch("groupAssignmentAudit", range, options);
  }

  /** Role grants and revocations for users and groups, by whom; 90 days back at most. */
  roleAssignmentAudit(range: EpmDateRange, options?: EpmReportOptions): Promise<DataFrame> {
    return this.fetch("roleAssignmentAudit", range, options);
  }

  /** Failed sign-in attempts in the identity domain (user name, IP address, time); 90 days back. */
  invalidLogins(range: EpmDateRange, options?: EpmReportOptions): Promise<DataFrame> {
    return this.fetch("invalidLogins", range, options);
  }

  /** Sign-ins to the service (user login, IP address, time); 120 days back. */
  userLogins(range: EpmDateRange, options?: EpmReportOptions): Promise<DataFrame> {
    return this.fetch("userLogins", range, options);
  }

  /** Current role assignments of active users, direct or through groups. */
  roleAssignments(options?: EpmReportOptions): Promise<DataFrame> {
    return this.fetch("roleAssignments", undefined, options);
  }

  /** Current group memberships of users, direct or through nested groups. */
  userGroups(options?: EpmReportOptions): Promise<DataFrame> {
    return this.fetch("userGroups", undefined, options);
  }

  /**
   * Any of the six by name (for loops over all reports).
   *
   * @param name - the report
   * @param range - required for the four audit reports, ignored by the two current-state ones
   * @example
   * ```ts
   * const df = await epm.reports.fetch("invalidLogins", { from: "2026-01-01", to: "2026-01-31" });
   * ```
   */
  fetch(name: EpmReportName, range?: EpmDateRange, options: EpmReportOptions = {}): Promise<DataFrame> {
    return fetchEpmReport(this.#ctx, this.#jobs, this.#files, EPM_REPORTS[name], range, options);
  }
}
