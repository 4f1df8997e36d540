/**
 * `epm-audit-kit/notebook`: what a notebook cell uses: HTML tables (`show`), notes, charts,
 * progress bars, and the report run (`openAuditRun`: parameters from the environment, clients or
 * the simulator, the review window).
 *
 * To make a name public: add it to the list below, run `npm run api:update`, commit the report.
 *
 * @packageDocumentation
 */

export type { AnaplanClient } from "../anaplan/anaplan-client.js";
export { openAuditRun } from "../cli/audit-run.js";
export type { AuditRun, EntitlementSnapshots } from "../cli/audit-run-type.js";
export { KIT_VERSION } from "../cli/kit-version.js";
export { REPORT_ENV_VARS, type ReportParameters, readReportParameters } from "../cli/report-parameters.js";
export {
  type RunFindingsOptions,
  type RunFindingsResult,
  runFindings,
  showRunFindings,
} from "../cli/run-findings.js";
export { type ChartOptions, chart } from "../display/chart.js";
export { type HtmlTableOptions, htmlTable } from "../display/html-table.js";
export { type NoteOptions, note } from "../display/note.js";
export { displayHtml } from "../display/notebook-display.js";
export {
  type Progress,
  type ProgressOptions,
  type ProgressStream,
  type ProgressUpdate,
  progress,
} from "../display/progress.js";
export {
  coverageStatus,
  type DayWindow,
  describeDays,
  emptyMessage,
  type ProvenanceData,
  provenance,
  provenanceText,
  provenanceWarnings,
  type SourceProvenance,
  type SourceStatus,
} from "../display/provenance.js";
export { renderChart, type VegaLiteSpec } from "../display/render-chart.js";
export { type ShowOptions, show } from "../display/show.js";
export type { EpmClient } from "../epm/epm-client.js";
export type { EpmReportName } from "../epm/epm-report-definitions.js";
export { NotebookError, type NotebookErrorDetails } from "../errors/notebook-error.js";
export type { Simulator } from "../simulator/start-simulator.js";
