import type { DataFrame } from "nodejs-polars";
import type { EpmReportName } from "../epm/epm-report-definitions.js";

/**
 * What {@link syncArchive} needs of an Anaplan client: an `AnaplanClient` fits, and so does any
 * object with the same two methods (a test double, a replay of saved frames).
 *
 * @example
 * ```ts
 * const anaplan: ArchiveAnaplanSource = new AnaplanClient(options);
 * ```
 */
export interface ArchiveAnaplanSource {
  audit: {
    /** Audit events whose eventDate lies in the range; the events frame. */
    getEvents(range: { from: Date; to: Date }): Promise<DataFrame>;
    /** All users of the tenant; the users frame. */
    listUsers(): Promise<DataFrame>;
  };
  /** The entitlement snapshot (AnaplanClient has it); absent: no entitlement snapshots are archived. */
  entitlements?: {
    snapshot(options?: { derivedRoles?: DataFrame | undefined }): Promise<DataFrame>;
  };
}

/**
 * A date range as the EPM reports take it: `YYYY-MM-DD`, both days included.
 *
 * @example
 * ```ts
 * const range: ArchiveEpmDateRange = { from: "2026-03-01", to: "2026-03-31" };
 * ```
 */
export interface ArchiveEpmDateRange {
  from: string;
  to: string;
}

/**
 * What {@link syncArchive} needs of an Oracle EPM client: an `EpmClient` fits.
 *
 * @example
 * ```ts
 * const epm: ArchiveEpmSource = new EpmClient(options);
 * ```
 */
export interface ArchiveEpmSource {
  /** Days an audit report reaches back (EpmClient has it); Oracle's defaults when absent. */
  retentionDays?(name: EpmReportName): number | undefined;
  reports: {
    groupAssignmentAudit(range: ArchiveEpmDateRange): Promise<DataFrame>;
    roleAssignmentAudit(range: ArchiveEpmDateRange): Promise<DataFrame>;
    invalidLogins(range: ArchiveEpmDateRange): Promise<DataFrame>;
    userLogins(range: ArchiveEpmDateRange): Promise<DataFrame>;
    roleAssignments(): Promise<DataFrame>;
    userGroups(): Promise<DataFrame>;
  };
  /** The entitlement snapshot (EpmClient has it); absent: no entitlement snapshots are archived. */
  entitlements?: { snapshot(): Promise<DataFrame> };
}
