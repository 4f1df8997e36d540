/**
 * epm-audit-kit — the public API. Explicit named exports only; anything not listed here is an
 * implementation detail and may change.
 */

// Errors
export {
  AuthError,
  HttpError,
  type HttpErrorDetails,
  isHttpError,
  isKitError,
  KitError,
  type KitErrorOptions,
  MissingRoleError,
  NetworkError,
  PayloadError,
  type ServiceName,
  TimeoutError,
  ValidationError,
} from "./errors/index.js";

// Transport (shared by both clients; public for advanced use such as a MockAgent dispatcher)
export { Redactor, redactUrl } from "./http/redact.js";
export type { RetryOptions } from "./http/retry-delay.js";
export {
  type AuthHook,
  Transport,
  type TransportLog,
  type TransportOptions,
  type TransportRequest,
  type TransportResponse,
} from "./http/transport.js";

// Simulator
export { SimulatorClock, type SimulatorClockOptions } from "./simulator/clock.js";
export { FaultInjector, type FaultRule, type SimulatedService } from "./simulator/faults.js";
export {
  type Simulator,
  type SimulatorRequestLogEntry,
  type StartSimulatorOptions,
  startSimulator,
} from "./simulator/start-simulator.js";

// Simulator, Anaplan half: option, ground-truth and fault types (own Biome chunk, see below).

export type { AnaplanCounters, AnaplanUrls } from "./simulator/anaplan/anaplan-context.js";
export type { AnaplanFaults } from "./simulator/anaplan/anaplan-faults.js";
export type {
  AnaplanEventRange,
  AnaplanSimulatedEvent,
  AnaplanSimulator,
  AnaplanSimulatorClientOptions,
  AnaplanSimulatorOptions,
} from "./simulator/anaplan/anaplan-simulator.js";
export type { AnaplanApiUser } from "./simulator/anaplan/users-routes.js";

// Anaplan (issue: spine). The blank line below keeps this section a chunk of its own for Biome.

export {
  ANAPLAN_DEFAULT_URLS,
  AnaplanClient,
  type AnaplanClientOptions,
} from "./anaplan/anaplan-client.js";
export {
  AnaplanAudit,
  type AnaplanEventType,
  type GetEventsOptions,
} from "./anaplan/audit/anaplan-audit.js";
export type { AnaplanProgress } from "./anaplan/audit/progress.js";
export type { DateInput, EventRange } from "./anaplan/audit/time-window.js";
export { ANAPLAN_ENV_VARS, anaplanOptionsFromEnv } from "./anaplan/options-from-env.js";
export type { AnaplanPaging } from "./anaplan/parse/paging.js";
export { type EventsPage, parseEventsPage } from "./anaplan/parse/parse-events-page.js";
export { parseUsersPage, type UsersPage } from "./anaplan/parse/parse-users-page.js";
export { ANAPLAN_EVENT_SCHEMA, ANAPLAN_USER_SCHEMA } from "./anaplan/schemas.js";
export { withUsers } from "./frames/with-users.js";

// Oracle EPM (issue: EPM reports)

export { createEpmBasicAuth, type EpmBasicAuthOptions } from "./epm/create-epm-basic-auth.js";
export {
  createEpmBearerAuth,
  type EpmBearerAuthOptions,
  type EpmTokenSource,
} from "./epm/create-epm-bearer-auth.js";
export {
  type EpmBasicClientOptions,
  EpmClient,
  type EpmClientCommonOptions,
  type EpmClientOptions,
  type EpmTokenClientOptions,
} from "./epm/epm-client.js";
export type { EpmCallOptions } from "./epm/epm-context.js";
export {
  type EpmDateInput,
  type EpmDateRange,
  type ResolvedEpmDateRange,
  type ResolveEpmDateRangeOptions,
  resolveEpmDateRange,
} from "./epm/epm-date-range.js";
export type { EpmEnvelope, EpmLink } from "./epm/epm-envelope.js";
export { type EpmDownload, type EpmFile, EpmFiles } from "./epm/epm-files.js";
export { epmHeaderToCamelCase } from "./epm/epm-header-to-camel-case.js";
export { EpmJobError, type EpmJobErrorDetails } from "./epm/epm-job-error.js";
export {
  type EpmJobRequest,
  type EpmJobStatus,
  EpmJobs,
  type EpmJobWaitOptions,
} from "./epm/epm-jobs.js";
export { EPM_REPORTS, type EpmReportDefinition, type EpmReportName } from "./epm/epm-report-definitions.js";
export {
  EPM_GROUP_ASSIGNMENT_AUDIT_SCHEMA,
  EPM_INVALID_LOGINS_SCHEMA,
  EPM_ROLE_ASSIGNMENT_AUDIT_SCHEMA,
  EPM_ROLE_ASSIGNMENTS_SCHEMA,
  EPM_USER_GROUPS_SCHEMA,
  EPM_USER_LOGINS_SCHEMA,
  type EpmReportSchema,
} from "./epm/epm-report-schemas.js";
export { EpmReports } from "./epm/epm-reports.js";
export { type EpmRetentionDays, resolveEpmRetention } from "./epm/epm-retention.js";
export type { EpmReportOptions } from "./epm/fetch-epm-report.js";
export { type ParseEpmCsvOptions, parseEpmCsv } from "./epm/parse-epm-csv.js";
export { parseEpmTimestamp } from "./epm/parse-epm-timestamp.js";
export { readEpmReportFile } from "./epm/read-epm-report-file.js";
export { stripEpmCsvPreamble } from "./epm/strip-epm-csv-preamble.js";
export type { EpmSimRow } from "./simulator/epm/epm-sim-csv.js";
export type { EpmSimFaults } from "./simulator/epm/epm-sim-faults.js";
export type { EpmSimRange } from "./simulator/epm/epm-sim-reports.js";
export type {
  EpmSimulator,
  EpmSimulatorClientOptions,
  EpmSimulatorOptions,
} from "./simulator/epm/epm-simulator.js";

// Frames and display (issue: analysis helpers)

export { type AuditRun, openAuditRun } from "./cli/audit-run.js";
export { epmOptionsFromEnv } from "./cli/epm-options-from-env.js";
export { KERNEL_NAME } from "./cli/kernel-spec.js";
export {
  KIT_NOTEBOOKS,
  type NotebookReportsResult,
  type RunNotebookReportsOptions,
  runNotebookReports,
} from "./cli/notebook-reports.js";
export { REPORT_ENV_VARS, type ReportParameters, readReportParameters } from "./cli/report-parameters.js";
export {
  hasJupyter,
  JUPYTER_APT_COMMAND,
  type NotebookReport,
  type RunNotebookOptions,
  runNotebook,
} from "./cli/run-notebook.js";
export { type ChartOptions, chart } from "./display/chart.js";
export { type HtmlTableOptions, htmlTable } from "./display/html-table.js";
export { type NoteOptions, note } from "./display/note.js";
export { displayHtml } from "./display/notebook-display.js";
export {
  type Progress,
  type ProgressOptions,
  type ProgressStream,
  type ProgressUpdate,
  progress,
} from "./display/progress.js";
export { renderChart, type VegaLiteSpec } from "./display/render-chart.js";
export { type ShowOptions, show } from "./display/show.js";
export { NotebookError, type NotebookErrorDetails } from "./errors/notebook-error.js";
export { type AccessReviewOptions, accessReview } from "./frames/access-review.js";
export { accessReviewSummary } from "./frames/access-review-summary.js";
export { type ActivityByDayOptions, activityByDay } from "./frames/activity-by-day.js";
export { type AnaplanAccessChangesOptions, anaplanAccessChanges } from "./frames/anaplan-access-changes.js";
export { ANAPLAN_EVENT_TYPES } from "./frames/anaplan-event-types.js";
export { type CountByDayOptions, countByDay } from "./frames/count-by-day.js";
export { epmAccessChangeSummary } from "./frames/epm-access-change-summary.js";
export { type EpmAccessChangesOptions, epmAccessChanges } from "./frames/epm-access-changes.js";
export { epmAccounts } from "./frames/epm-accounts.js";
export { type EpmSignInSummaryOptions, epmSignInSummary } from "./frames/epm-sign-in-summary.js";
export { type InactiveUsersOptions, inactiveUsers } from "./frames/inactive-users.js";
export { epmPersonKey, personKey } from "./frames/person-key.js";
export { type SignInSummaryOptions, signInSummary } from "./frames/sign-in-summary.js";
export { type Instant, type TimeWindow, toEpochMs } from "./frames/time-window.js";
export { type TopObjectsOptions, topObjects } from "./frames/top-objects.js";
export { type TopUsersOptions, topUsers } from "./frames/top-users.js";

// Archive (issue: history). The blank line below keeps this section a chunk of its own for Biome.

export {
  ARCHIVE_DATASETS,
  type ArchiveDataset,
  type ArchiveDatasetName,
  type DailyDataset,
  type FrameSchema,
  type SnapshotDataset,
} from "./archive/archive-datasets.js";
export { ArchiveError, type ArchiveErrorCode } from "./archive/archive-error.js";
export type {
  ArchiveDatasetState,
  ArchiveGap,
  ArchiveManifest,
  ArchiveOrigin,
} from "./archive/archive-manifest.js";
export type {
  ArchiveAnaplanSource,
  ArchiveEpmDateRange,
  ArchiveEpmSource,
} from "./archive/archive-sources.js";
export { type ExportFormat, type ExportFrameOptions, exportFrame } from "./archive/export-frame.js";
export { type ArchiveFrames, type ReadArchiveOptions, readArchive } from "./archive/read-archive.js";
export type { DatasetSyncCounts } from "./archive/sync-anaplan-events.js";
export { type SyncArchiveOptions, type SyncArchiveResult, syncArchive } from "./archive/sync-archive.js";
export type { SyncProgress, SyncStep } from "./archive/sync-progress.js";
