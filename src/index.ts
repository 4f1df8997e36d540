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

// Anaplan (issue: spine)

// Oracle EPM (issue: EPM reports)

// Frames and display (issue: analysis helpers)

// Archive (issue: history)
