/**
 * `epm-audit-kit/simulator`: the built-in HTTP simulator of the Anaplan and Oracle EPM APIs, with a
 * controllable clock and fault injection, for demos and tests without a tenant.
 *
 * To make a name public: add it to the list below, run `npm run api:update`, commit the report.
 *
 * @packageDocumentation
 */

export type { EpmReportName } from "../epm/epm-report-definitions.js";
export type { AnaplanCounters, AnaplanUrls } from "./anaplan/anaplan-context.js";
export type { ActiveAnaplanFaults, AnaplanFaults } from "./anaplan/anaplan-faults.js";
export type {
  AnaplanEventRange,
  AnaplanSimulatedEvent,
  AnaplanSimulator,
  AnaplanSimulatorClientOptions,
  AnaplanSimulatorOptions,
} from "./anaplan/anaplan-simulator.js";
export type { AnaplanApiUser } from "./anaplan/users-routes.js";
export { SimulatorClock, type SimulatorClockOptions } from "./clock.js";
export type { EpmSimRow } from "./epm/epm-sim-csv.js";
export type { EpmSimFaults } from "./epm/epm-sim-faults.js";
export type { EpmSimRange } from "./epm/epm-sim-reports.js";
export type { EpmSimStats } from "./epm/epm-sim-state.js";
export type { EpmSimTenant } from "./epm/epm-sim-tenant.js";
export type { EpmSimulator, EpmSimulatorClientOptions, EpmSimulatorOptions } from "./epm/epm-simulator.js";
export type { ExpectedFinding } from "./expected-findings.js";
export { FaultInjector, type FaultRule, type SimulatedService } from "./faults.js";
export type { PlantedAnaplanEvent } from "./planted-violations.js";
export {
  type Simulator,
  type SimulatorRequestLogEntry,
  type StartSimulatorOptions,
  startSimulator,
} from "./start-simulator.js";
