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
export type { AnaplanPaging } from "./anaplan/parse/paging.js";
export { type EventsPage, parseEventsPage } from "./anaplan/parse/parse-events-page.js";
export { parseUsersPage, type UsersPage } from "./anaplan/parse/parse-users-page.js";
export { ANAPLAN_EVENT_SCHEMA, ANAPLAN_USER_SCHEMA } from "./anaplan/schemas.js";
export { withUsers } from "./frames/with-users.js";

// Oracle EPM (issue: EPM reports)

// Frames and display (issue: analysis helpers)

// Archive (issue: history)
