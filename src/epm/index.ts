/**
 * `epm-audit-kit/epm`: the Oracle EPM Cloud client (security and audit reports, files, jobs) as
 * typed Polars frames, its authentication helpers, report definitions and schemas.
 *
 * To make a name public: add it to the list below, run `npm run api:update`, commit the report.
 *
 * @packageDocumentation
 */

export { epmOptionsFromEnv } from "../cli/epm-options-from-env.js";
export type { RetryOptions } from "../http/retry-delay.js";
export type { TransportLog } from "../http/transport.js";
export {
  checkEpmFileName,
  EPM_MAX_FILE_NAME_LENGTH,
  EPM_MAX_NAME_PART_LENGTH,
} from "./check-epm-file-name.js";
export { createEpmBasicAuth, type EpmBasicAuthOptions } from "./create-epm-basic-auth.js";
export {
  createEpmBearerAuth,
  type EpmBearerAuthOptions,
  type EpmTokenSource,
} from "./create-epm-bearer-auth.js";
export type { EpmOAuthClientOptions } from "./epm-client.js";
export {
  type EpmBasicClientOptions,
  EpmClient,
  type EpmClientCommonOptions,
  type EpmClientOptions,
  type EpmTokenClientOptions,
} from "./epm-client.js";
export type { EpmCallOptions } from "./epm-context.js";
export {
  type EpmDateInput,
  type EpmDateRange,
  type ResolvedEpmDateRange,
  type ResolveEpmDateRangeOptions,
  resolveEpmDateRange,
} from "./epm-date-range.js";
export { EPM_ENTITLEMENT_SCHEMAS, EpmEntitlements } from "./epm-entitlements.js";
export type { EpmEnvelope, EpmLink } from "./epm-envelope.js";
export { type EpmDownload, type EpmFile, EpmFiles } from "./epm-files.js";
export { epmHeaderToCamelCase } from "./epm-header-to-camel-case.js";
export { EpmJobError, type EpmJobErrorDetails } from "./epm-job-error.js";
export { type EpmJobRequest, type EpmJobStatus, EpmJobs, type EpmJobWaitOptions } from "./epm-jobs.js";
export { EPM_REPORTS, type EpmReportDefinition, type EpmReportName } from "./epm-report-definitions.js";
export {
  EPM_GROUP_ASSIGNMENT_AUDIT_SCHEMA,
  EPM_INVALID_LOGINS_SCHEMA,
  EPM_ROLE_ASSIGNMENT_AUDIT_SCHEMA,
  EPM_ROLE_ASSIGNMENTS_SCHEMA,
  EPM_USER_GROUPS_SCHEMA,
  EPM_USER_LOGINS_SCHEMA,
  type EpmReportSchema,
} from "./epm-report-schemas.js";
export { EpmReports } from "./epm-reports.js";
export { type EpmRetentionDays, resolveEpmRetention } from "./epm-retention.js";
export type { EpmReportOptions } from "./fetch-epm-report.js";
export { EPM_MAX_JSON_BYTES, EPM_MAX_JSON_DEPTH } from "./parse-bounded-epm-json.js";
export { type ParseEpmCsvOptions, parseEpmCsv } from "./parse-epm-csv.js";
export { parseEpmTimestamp } from "./parse-epm-timestamp.js";
export { EPM_MAX_INFLATED_BYTES, readEpmReportFile } from "./read-epm-report-file.js";
