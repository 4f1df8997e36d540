import type { Rule } from "./rule.js";

/**
 * The built-in rule set: what an access review looks for first. A rule file replaces it; copy
 * these as a start (`epm-audit-kit findings --print-rules`).
 *
 * @example
 * ```ts
 * DEFAULT_RULES.map((r) => r.id)
 * //=> ["privileged-grant", "self-grant", "change-window", "dormant-privileged", "deactivated-sign-in",
 * //    "failed-sign-in-burst-account", "failed-sign-in-burst-address", "sod-admin-both-systems"]
 * ```
 */
export const DEFAULT_RULES: readonly Rule[] = Object.freeze([
  { id: "privileged-grant", kind: "privileged-grant", severity: "medium" },
  { id: "self-grant", kind: "self-grant", severity: "critical" },
  {
    id: "change-window",
    kind: "change-window",
    severity: "medium",
    timeZone: "UTC",
    days: ["Mon", "Tue", "Wed", "Thu", "Fri"],
    hours: { from: "07:00", to: "19:00" },
  },
  { id: "dormant-privileged", kind: "dormant-privileged", severity: "high", days: 90 },
  { id: "deactivated-sign-in", kind: "deactivated-sign-in", severity: "critical" },
  {
    id: "failed-sign-in-burst-account",
    kind: "failed-sign-in-burst",
    severity: "high",
    per: "account",
    threshold: 5,
    minutes: 10,
  },
  {
    id: "failed-sign-in-burst-address",
    kind: "failed-sign-in-burst",
    severity: "high",
    per: "address",
    threshold: 10,
    minutes: 10,
  },
  {
    id: "sod-admin-both-systems",
    kind: "segregation-of-duties",
    severity: "high",
    conflicts: [
      [
        { system: "anaplan", right: "Workspace Administrator" },
        { system: "epm", right: "Service Administrator" },
      ],
    ],
  },
] satisfies Rule[]);
