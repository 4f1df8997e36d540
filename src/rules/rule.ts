/** How much a finding matters, lowest first. */
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

/** Fields every rule has. */
export interface RuleBase {
  /** A stable id, e.g. `privileged-grant`; findings carry it. */
  id: string;
  /** How much a finding of this rule matters. */
  severity: Severity;
  /** One line for the report. @default the kind's own title */
  title?: string | undefined;
}

/** A grant of a privileged right: Anaplan privileged events (the catalog's flag), EPM role and group additions. */
export interface PrivilegedGrantRule extends RuleBase {
  kind: "privileged-grant";
}

/** Somebody changed their own access (Anaplan role events, EPM role or group assignment audit). */
export interface SelfGrantRule extends RuleBase {
  kind: "self-grant";
}

/** A privileged change outside the change window (weekdays and hours in a time zone). */
export interface ChangeWindowRule extends RuleBase {
  kind: "change-window";
  /** IANA time zone of the window, e.g. `Europe/Berlin`. */
  timeZone: string;
  /** Days changes are allowed, `Mon`..`Sun`. */
  days: string[];
  /** Local hours changes are allowed, `HH:mm` to `HH:mm` (end exclusive). */
  hours: { from: string; to: string };
}

/** An account that holds privileged access but has not signed in for `days` days. */
export interface DormantPrivilegedRule extends RuleBase {
  kind: "dormant-privileged";
  days: number;
}

/** A successful sign-in by a deactivated (or deleted) account. */
export interface DeactivatedSignInRule extends RuleBase {
  kind: "deactivated-sign-in";
}

/** At least `threshold` failed sign-ins within `minutes`, per account or per address. */
export interface FailedSignInBurstRule extends RuleBase {
  kind: "failed-sign-in-burst";
  per: "account" | "address";
  threshold: number;
  minutes: number;
}

/** One right of a segregation-of-duties set: a system and a right name (role, group, admin flag). */
export interface RightRef {
  system: "anaplan" | "epm";
  right: string;
}

/** Sets of rights one person must not hold together. */
export interface SegregationOfDutiesRule extends RuleBase {
  kind: "segregation-of-duties";
  /** Each conflict: every right of the set held by one person is a finding. */
  conflicts: RightRef[][];
}

/** A detection rule, as data (a rule file or {@link DEFAULT_RULES}). */
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
