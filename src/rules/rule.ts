/**
 * How much a finding matters, lowest first.
 *
 * @example
 * ```ts
 * const severity: Severity = "critical";
 * ```
 */
export type Severity = "low" | "medium" | "high" | "critical";

/**
 * The severities in order, lowest first.
 *
 * @example
 * ```ts
 * SEVERITIES[0] //=> "low"
 * ```
 */
export const SEVERITIES: readonly Severity[] = Object.freeze(["low", "medium", "high", "critical"]);

/**
 * Fields every rule has.
 *
 * @example
 * ```ts
 * const base: RuleBase = { id: "dormant-admin", severity: "medium", title: "Dormant administrators" };
 * ```
 */
export interface RuleBase {
  /** A stable id, e.g. `privileged-grant`; findings carry it. */
  id: string;
  /** How much a finding of this rule matters. */
  severity: Severity;
  /** One line for the report. @default the kind's own title */
  title?: string | undefined;
}

/**
 * A grant of a privileged right: Anaplan privileged events (the catalog's flag), EPM role and group additions.
 *
 * @example
 * ```ts
 * const rule: PrivilegedGrantRule = { id: "privileged-grant", kind: "privileged-grant", severity: "high" };
 * ```
 */
export interface PrivilegedGrantRule extends RuleBase {
  kind: "privileged-grant";
}

/**
 * Somebody changed their own access (Anaplan role events, EPM role or group assignment audit).
 *
 * @example
 * ```ts
 * const rule: SelfGrantRule = { id: "self-grant", kind: "self-grant", severity: "high" };
 * ```
 */
export interface SelfGrantRule extends RuleBase {
  kind: "self-grant";
}

/**
 * A privileged change outside the change window (weekdays and hours in a time zone).
 *
 * @example
 * ```ts
 * const rule: ChangeWindowRule = { id: "cw", kind: "change-window", severity: "medium", timeZone: "Europe/Paris", days: ["Mon", "Tue", "Wed", "Thu", "Fri"], hours: { from: "08:00", to: "18:00" } };
 * ```
 */
export interface ChangeWindowRule extends RuleBase {
  kind: "change-window";
  /** IANA time zone of the window, e.g. `Europe/Berlin`. */
  timeZone: string;
  /** Days changes are allowed, `Mon`..`Sun`. */
  days: string[];
  /** Local hours changes are allowed, `HH:mm` to `HH:mm` (end exclusive). */
  hours: { from: string; to: string };
}

/**
 * An account that holds privileged access but has not signed in for `days` days.
 *
 * @example
 * ```ts
 * const rule: DormantPrivilegedRule = { id: "dormant-admin", kind: "dormant-privileged", severity: "medium", days: 90 };
 * ```
 */
export interface DormantPrivilegedRule extends RuleBase {
  kind: "dormant-privileged";
  days: number;
}

/**
 * A successful sign-in by a deactivated (or deleted) account.
 *
 * @example
 * ```ts
 * const rule: DeactivatedSignInRule = { id: "deactivated", kind: "deactivated-sign-in", severity: "high" };
 * ```
 */
export interface DeactivatedSignInRule extends RuleBase {
  kind: "deactivated-sign-in";
}

/**
 * At least `threshold` failed sign-ins within `minutes`, per account or per address.
 *
 * @example
 * ```ts
 * const rule: FailedSignInBurstRule = { id: "burst", kind: "failed-sign-in-burst", severity: "high", per: "account", threshold: 5, minutes: 10 };
 * ```
 */
export interface FailedSignInBurstRule extends RuleBase {
  kind: "failed-sign-in-burst";
  per: "account" | "address";
  threshold: number;
  minutes: number;
}

/**
 * One right of a segregation-of-duties set: a system and a right name (role, group, admin flag).
 *
 * @example
 * ```ts
 * const right: RightRef = { system: "epm", right: "Service Administrator" };
 * ```
 */
export interface RightRef {
  system: "anaplan" | "epm";
  right: string;
}

/**
 * Sets of rights one person must not hold together.
 *
 * @example
 * ```ts
 * const rule: SegregationOfDutiesRule = { id: "sod", kind: "segregation-of-duties", severity: "critical", conflicts: [[{ system: "epm", right: "Approver" }, { system: "anaplan", right: "Workspace Administrator" }]] };
 * ```
 */
export interface SegregationOfDutiesRule extends RuleBase {
  kind: "segregation-of-duties";
  /** Each conflict: every right of the set held by one person is a finding. */
  conflicts: RightRef[][];
}

/**
 * A detection rule, as data (a rule file or {@link DEFAULT_RULES}).
 *
 * @example
 * ```ts
 * const rule: Rule = { id: "self-grant", kind: "self-grant", severity: "high" };
 * ```
 */
export type Rule =
  | PrivilegedGrantRule
  | SelfGrantRule
  | ChangeWindowRule
  | DormantPrivilegedRule
  | DeactivatedSignInRule
  | FailedSignInBurstRule
  | SegregationOfDutiesRule;

/**
 * The rule kinds the kit knows.
 *
 * @example
 * ```ts
 * RULE_KINDS.includes("self-grant") //=> true
 * ```
 */
export const RULE_KINDS: readonly Rule["kind"][] = Object.freeze([
  "privileged-grant",
  "self-grant",
  "change-window",
  "dormant-privileged",
  "deactivated-sign-in",
  "failed-sign-in-burst",
  "segregation-of-duties",
]);
