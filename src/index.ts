/**
 * `epm-audit-kit`: the everyday API: the two clients, the frame helpers, the notebook essentials
 * (`show`, `note`, `chart`, `openAuditRun`), the common errors and the simulator.
 *
 * Everything here is also in its layer's entry point (`epm-audit-kit/anaplan`, `/epm`, `/frames`,
 * `/archive`, `/notebook`, `/simulator`, `/errors`), which hold the rest of the public API. A name
 * is public only if a layer entry lists it; to add one to the root as well, list it below (keep
 * the root at about 40 runtime values), run `npm run api:update` and commit the reports.
 *
 * @packageDocumentation
 */

// Anaplan
export {
  AnaplanClient,
  type AnaplanClientOptions,
  type AnaplanEventType,
  type AnaplanProgress,
  anaplanOptionsFromEnv,
  type DateInput,
  type EventRange,
  type GetEventsOptions,
} from "./anaplan/index.js";
// Oracle EPM
export {
  EpmClient,
  type EpmClientOptions,
  type EpmDateRange,
  type EpmReportName,
  epmOptionsFromEnv,
} from "./epm/index.js";
// Errors (the layer-specific ones, EpmJobError, ArchiveError, NotebookError, are in their layers and /errors)
export {
  AuthError,
  HttpError,
  isHttpError,
  isKitError,
  KitError,
  MissingRoleError,
  NetworkError,
  PayloadError,
  TimeoutError,
  ValidationError,
} from "./errors/index.js";
// Frames
export {
  type AccessReviewOptions,
  ANAPLAN_EVENT_TYPES,
  accessReview,
  accessReviewSummary,
  activityByDay,
  anaplanAccessChanges,
  countByDay,
  epmAccessChangeSummary,
  epmAccessChanges,
  epmAccounts,
  epmPersonKey,
  epmSignInSummary,
  inactiveUsers,
  personKey,
  signInSummary,
  type TimeWindow,
  topObjects,
  topUsers,
  withUsers,
} from "./frames/index.js";
// Notebooks
export { type AuditRun, chart, note, openAuditRun, type ShowOptions, show } from "./notebook/index.js";
// Simulator
export { type Simulator, type StartSimulatorOptions, startSimulator } from "./simulator/index.js";
