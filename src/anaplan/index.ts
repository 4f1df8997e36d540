/**
 * `epm-audit-kit/anaplan`: the Anaplan client (audit events, users) as typed Polars frames, its
 * options and the frame schemas.
 *
 * To make a name public: add it to the list below, run `npm run api:update`, commit the report.
 *
 * @packageDocumentation
 */

export type { RetryOptions } from "../http/retry-delay.js";
export type { TransportLog } from "../http/transport.js";
export { ANAPLAN_DEFAULT_URLS, AnaplanClient, type AnaplanClientOptions } from "./anaplan-client.js";
export type { ListResult } from "./audit/anaplan-audit.js";
export { AnaplanAudit, type AnaplanEventType, type GetEventsOptions } from "./audit/anaplan-audit.js";
export type { AnaplanProgress } from "./audit/progress.js";
export type { DateInput, EventRange } from "./audit/time-window.js";
export { ANAPLAN_ENTITLEMENT_SCHEMAS } from "./entitlements/anaplan-entitlement-schemas.js";
export {
  AnaplanEntitlements,
  type AnaplanSnapshotOptions,
  type EntitlementCallOptions,
  EXPORT_PAGE_SIZE,
  INTEGRATION_PAGE_SIZE,
  SCIM_PAGE_SIZE,
} from "./entitlements/anaplan-entitlements.js";
export {
  type DerivedRoles,
  type TenantRolesFromEventsOptions,
  tenantRolesFromEvents,
} from "./entitlements/tenant-roles-from-events.js";
export {
  ANAPLAN_EVENT_CATALOG,
  ANAPLAN_EVENT_TYPE_FILTERS,
  type AnaplanEventCode,
  type AnaplanEventTypeFilter,
  anaplanEventCode,
  anaplanEventName,
  PRIVILEGED_ANAPLAN_EVENT_CODES,
} from "./event-catalog.js";
export {
  ANAPLAN_EVENT_LAYOUT,
  type EventColumnDtype,
  type EventColumnKind,
  type EventColumnSpec,
} from "./event-layout.js";
export { ANAPLAN_ENV_VARS, anaplanOptionsFromEnv } from "./options-from-env.js";
export type { AnaplanPaging } from "./parse/paging.js";
export { ANAPLAN_EVENT_SCHEMA, ANAPLAN_USER_SCHEMA } from "./schemas.js";
