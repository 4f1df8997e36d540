/**
 * `epm-audit-kit/rules`: detection rules as data (a rule file or the built-in set), `findings()`
 * over the kit's frames, the rights frame the rules read, and SIEM records (CEF, JSON Lines) of
 * events and findings with the cursors that send each record once.
 *
 * To make a name public: add it to the list below, run `npm run api:update`, commit the report.
 *
 * @packageDocumentation
 */

export type { PrivilegedRight } from "../frames/privileged-holders.js";
export type { Instant, TimeWindow } from "../frames/time-window.js";
export {
  type CefHeader,
  cefExtensionValue,
  cefHeaderField,
  cefLine,
  parseCefLine,
} from "../siem/cef.js";
export {
  MAX_REMEMBERED_FINDINGS,
  newEvents,
  newFindings,
  SIEM_OVERLAP_MS,
  type SiemCursor,
} from "../siem/siem-cursor.js";
export { eventRecords, findingRecords, type SiemFormat } from "../siem/siem-records.js";
export { type AccessChangeRow, accessChangeRows, PRIVILEGED_GRANT_CODES } from "./access-change-rows.js";
export {
  ACCESS_RIGHTS_SCHEMA,
  type AccessRightsOptions,
  accessRights,
  EPM_PRIVILEGED_ROLES,
} from "./access-rights.js";
export { anaplanRights } from "./anaplan-rights.js";
export { DEFAULT_RULES } from "./default-rules.js";
export { FINDINGS_SCHEMA, type Finding, findingsFrame } from "./finding.js";
export { type FindingsResult, findings, type SkippedRule } from "./findings.js";
export type { FindingsFrames, FindingsOptions } from "./findings-input.js";
export { readRules } from "./read-rules.js";
export {
  type ChangeWindowRule,
  type DeactivatedSignInRule,
  type DormantPrivilegedRule,
  type FailedSignInBurstRule,
  type PrivilegedGrantRule,
  type RightRef,
  RULE_KINDS,
  type Rule,
  type RuleBase,
  SEVERITIES,
  type SegregationOfDutiesRule,
  type SelfGrantRule,
  type Severity,
} from "./rule.js";
