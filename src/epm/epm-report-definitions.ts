import {
  EPM_GROUP_ASSIGNMENT_AUDIT_SCHEMA,
  EPM_INVALID_LOGINS_SCHEMA,
  EPM_ROLE_ASSIGNMENT_AUDIT_SCHEMA,
  EPM_ROLE_ASSIGNMENTS_SCHEMA,
  EPM_USER_GROUPS_SCHEMA,
  EPM_USER_LOGINS_SCHEMA,
  type EpmReportSchema,
} from "./epm-report-schemas.js";

/**
 * The six reports the kit fetches, by their method name on `epm.reports`.
 *
 * @example
 * ```ts
 * const name: EpmReportName = "userLogins";
 * ```
 */
export type EpmReportName =
  | "groupAssignmentAudit"
  | "roleAssignmentAudit"
  | "invalidLogins"
  | "userLogins"
  | "roleAssignments"
  | "userGroups";

/**
 * How one report is requested, where its rows land, and what its frame looks like.
 *
 * @example
 * ```ts
 * const definition: EpmReportDefinition = EPM_REPORTS.userLogins;
 * console.log(definition.title, definition.retentionDays);
 * ```
 */
export interface EpmReportDefinition {
  name: EpmReportName;
  /** Human name used in messages and file names. */
  title: string;
  /**
   * `json-job`: POST JSON, async (interop v2 reports); `form-job`: POST form-encoded, async
   * (security v1 reports); `sync-get`: GET with query parameters, answered at once.
   */
  kind: "json-job" | "form-job" | "sync-get";
  /** Path under the base URL. */
  path: string;
  /** Days back the report reaches by default (audit reports only; current-state reports take no range). */
  retentionDays?: number;
  /** Most days back the report can reach once extended in the Identity Console. */
  maxRetentionDays?: number;
  schema: EpmReportSchema;
  /** Other header names a schema column is known under (camelCase alias → column). @default none */
  aliases?: Readonly<Record<string, string>>;
  /** Start of the generated file's name. */
  filePrefix: string;
  /** Who may run it, for error advice. */
  roles: string;
}

const ACCESS_CONTROL = "Service Administrator, or a predefined role plus Access Control - Manage or - View";

/**
 * The reports, per reference §3. The group audit is the interop v2 JSON job; its file-name key
 * is unverified live, so the client sends `fileName` as Oracle's Java sample does. The User
 * Login report is a synchronous GET; the kit asks for its CSV (`report_name`) rather than the
 * JSON, because the CSV layout is documented (header, BOM and id line) while the JSON field
 * names are not, and one CSV parser then serves all six reports.
 *
 * @example
 * ```ts
 * EPM_REPORTS.invalidLogins.retentionDays //=> 30 (90 once extended in the Identity Console)
 * ```
 */
export const EPM_REPORTS: Readonly<Record<EpmReportName, EpmReportDefinition>> = Object.freeze({
  groupAssignmentAudit: {
    name: "groupAssignmentAudit",
    title: "Group Assignment Audit",
    kind: "json-job",
    path: "/interop/rest/v2/reports/groupaudit",
    retentionDays: 120,
    maxRetentionDays: 120,
    schema: EPM_GROUP_ASSIGNMENT_AUDIT_SCHEMA,
    filePrefix: "GroupAssignmentAudit",
    roles: ACCESS_CONTROL,
  },
  roleAssignmentAudit: {
    name: "roleAssignmentAudit",
    title: "Role Assignment Audit",
    kind: "form-job",
    path: "/interop/rest/security/v1/roleassignmentauditreport",
    retentionDays: 30,
    maxRetentionDays: 90,
    schema: EPM_ROLE_ASSIGNMENT_AUDIT_SCHEMA,
    // The older OCI-only layout (reference §4.2): "User Login"/"User Name" for Name, "Administrator" for Performed By.
    aliases: { userLogin: "name", userName: "name", administrator: "performedBy" },
    filePrefix: "RoleAssignmentAudit",
    roles: `${ACCESS_CONTROL}, or Identity Domain Administrator; the window is 30 days unless extended in the Identity Console`,
  },
  invalidLogins: {
    name: "invalidLogins",
    title: "Invalid Login",
    kind: "form-job",
    path: "/interop/rest/security/v1/invalidloginreport",
    retentionDays: 30,
    maxRetentionDays: 90,
    schema: EPM_INVALID_LOGINS_SCHEMA,
    filePrefix: "InvalidLogin",
    roles: "Identity Domain Administrator plus a predefined role",
  },
  userLogins: {
    name: "userLogins",
    title: "User Login",
    kind: "sync-get",
    path: "/interop/rest/security/v1/report/userloginreport",
    retentionDays: 120,
    maxRetentionDays: 120,
    schema: EPM_USER_LOGINS_SCHEMA,
    filePrefix: "UserLogin",
    roles: ACCESS_CONTROL,
  },
  roleAssignments: {
    name: "roleAssignments",
    title: "Role Assignment",
    kind: "form-job",
    path: "/interop/rest/security/v1/roleassignmentreport",
    schema: EPM_ROLE_ASSIGNMENTS_SCHEMA,
    filePrefix: "RoleAssignment",
    roles: ACCESS_CONTROL,
  },
  userGroups: {
    name: "userGroups",
    title: "User Group",
    kind: "form-job",
    path: "/interop/rest/security/v1/usergroupreport",
    schema: EPM_USER_GROUPS_SCHEMA,
    filePrefix: "UserGroup",
    roles: ACCESS_CONTROL,
  },
});
