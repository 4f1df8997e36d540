import { ANAPLAN_EVENT_CATALOG, PRIVILEGED_ANAPLAN_EVENT_CODES } from "../anaplan/event-catalog.js";
import { DEFAULT_RULES } from "../rules/default-rules.js";
import type { ChangeWindowRule, FailedSignInBurstRule, RightRef } from "../rules/rule.js";
import type { AnaplanSimulatedEvent } from "./anaplan/anaplan-simulator.js";
import type { AnaplanApiUser } from "./anaplan/users-routes.js";
import type { EpmSimRow } from "./epm/epm-sim-csv.js";

/**
 * A finding the default rules must report on the simulator: rule, person, system, first and last
 * seen (epoch ms).
 *
 * @example
 * ```ts
 * const f: ExpectedFinding = { ruleId: "self-grant", person: "ana@example.com", system: "epm", firstSeen: 1, lastSeen: 1 };
 * ```
 */
export interface ExpectedFinding {
  ruleId: string;
  person: string;
  system: string;
  firstSeen: number | null;
  lastSeen: number | null;
}

/**
 * The simulator's records the expected findings are derived from (its ground truth, not the API).
 *
 * @example
 * ```ts
 * const records: SimulatorRecords = { anaplanEvents: sim.anaplan.events(), anaplanUsers: sim.anaplan.users(), epmRoleAudit: [], epmGroupAudit: [], epmInvalidLogins: [] };
 * ```
 */
export interface SimulatorRecords {
  anaplanEvents: readonly AnaplanSimulatedEvent[];
  anaplanUsers: readonly AnaplanApiUser[];
  epmRoleAudit: readonly EpmSimRow[];
  epmGroupAudit: readonly EpmSimRow[];
  epmInvalidLogins: readonly EpmSimRow[];
  /**
   * Persons (lower-cased e-mails) planted as both Anaplan workspace administrator and EPM Service
   * Administrator (`sim.anaplan.entitlements.adminConflict`). @default none
   */
  adminConflicts?: readonly string[];
  /**
   * Privileged accounts planted never to sign in (`sim.epm.tenant.dormant`), as person key and
   * system. @default none
   */
  dormantAccounts?: ReadonlyArray<{ person: string; system: string }>;
}

interface Change {
  system: string;
  person: string;
  actor: string;
  at: number;
  grant: boolean;
  self: boolean;
}

const GRANT = /created|activated|enabled|assigned|added|granted|associated/i;
const REMOVAL = /unassigned|removed|revoked|deleted|disabled|rolled back/i;
const GRANT_CODES = new Set(
  ANAPLAN_EVENT_CATALOG.filter(
    (e) => e.privileged && GRANT.test(e.name) && (!REMOVAL.test(e.name) || e.code === "USR-25"),
  ).map((e) => e.code),
);
const PRIVILEGED = new Set(PRIVILEGED_ANAPLAN_EVENT_CODES);
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/**
 * What the default rules ({@link DEFAULT_RULES}) must find in the simulator's records over a
 * window, worked out record by record in plain code (a second implementation to check the
 * kit's rules against): privileged grants, self-grants and changes outside the (UTC) change
 * window from Anaplan privileged events and EPM role and group audit rows; sign-ins by accounts
 * the users list shows inactive or does not list; failed sign-in bursts per account and per
 * address. Segregation of duties is about rights held now, not the window: the planted
 * conflicts (`adminConflicts`) are listed as they are, without times, for every segregation rule
 * whose conflict set is Anaplan Workspace Administrator with EPM Service Administrator. Dormancy
 * likewise: the planted dormant accounts (`dormantAccounts`), without times, for every
 * dormant-privileged rule — what it finds when it runs (over at least its days of EPM sign-ins;
 * Anaplan's dormancy is not planted).
 *
 * @param records - the simulator's records (the window's, or more: they are filtered)
 * @param window - epoch ms, `from` inclusive, `to` exclusive
 * @returns the findings, sorted by rule, system, person
 * @example
 * ```ts
 * expectedFindings(records, { from: Date.parse("2026-11-01"), to: Date.parse("2026-12-01") })
 * ```
 */
export function expectedFindings(
  records: SimulatorRecords,
  window: { from: number; to: number },
): ExpectedFinding[] {
  const inside = (at: number) => at >= window.from && at < window.to;
  const emails = new Map(records.anaplanUsers.map((u) => [u.id, u.email.trim().toLowerCase()]));
  const key = (id: unknown) => (id == null ? "" : (emails.get(String(id)) ?? String(id)));
  const events = records.anaplanEvents.filter((e) => inside(e.eventDate));
  const changes = [...anaplanChanges(events, key), ...epmChanges(records, inside)];
  const out: ExpectedFinding[] = [];
  for (const rule of DEFAULT_RULES) {
    if (rule.kind === "privileged-grant")
      out.push(
        ...grouped(
          rule.id,
          changes.filter((c) => c.grant),
        ),
      );
    if (rule.kind === "self-grant")
      out.push(
        ...grouped(
          rule.id,
          changes.filter((c) => c.self),
        ),
      );
    if (rule.kind === "change-window") out.push(...grouped(rule.id, outsideWindow(rule, changes)));
    if (rule.kind === "deactivated-sign-in") out.push(...deactivated(rule.id, events, records.anaplanUsers));
    if (rule.kind === "failed-sign-in-burst") out.push(...bursts(rule, events, records, key, inside));
    if (rule.kind === "dormant-privileged")
      for (const { person, system } of records.dormantAccounts ?? [])
        out.push({ ruleId: rule.id, person, system, firstSeen: null, lastSeen: null });
    if (rule.kind === "segregation-of-duties" && rule.conflicts.some(isAdminConflict))
      for (const person of records.adminConflicts ?? [])
        out.push({ ruleId: rule.id, person, system: "anaplan+epm", firstSeen: null, lastSeen: null });
  }
  return out.sort(
    (a, b) =>
      a.ruleId.localeCompare(b.ruleId) ||
      a.system.localeCompare(b.system) ||
      a.person.localeCompare(b.person),
  );
}

/** The conflict set the simulator plants: Anaplan Workspace Administrator with EPM Service Administrator. */
function isAdminConflict(set: readonly RightRef[]): boolean {
  const keys = set.map((r) => `${r.system}:${r.right.toLowerCase()}`).sort();
  return keys.join("|") === "anaplan:workspace administrator|epm:service administrator";
}

function anaplanChanges(events: readonly AnaplanSimulatedEvent[], key: (id: unknown) => string): Change[] {
  return events
    .filter((e) => PRIVILEGED.has(e.eventTypeId) && e.success !== false)
    .map((e) => {
      const attributes = (e.additionalAttributes ?? {}) as Record<string, unknown>;
      const roleEvent = e.eventTypeId === "AUTHZ-3" || e.eventTypeId === "AUTHZ-6";
      const target = roleEvent ? (e.objectId ?? attributes.targetUserId) : attributes.targetUserId;
      return {
        system: "anaplan",
        person: target == null ? key(e.userId) : key(target),
        actor: key(e.userId),
        at: e.eventDate,
        grant: GRANT_CODES.has(e.eventTypeId),
        self: target != null && String(target) === e.userId,
      };
    });
}

function epmChanges(records: SimulatorRecords, inside: (at: number) => boolean): Change[] {
  const norm = (v: unknown) =>
    String(v ?? "")
      .trim()
      .toLowerCase();
  return [...records.epmRoleAudit, ...records.epmGroupAudit]
    .map((r) => ({ r, at: (r.dateAndTime as Date).getTime() }))
    .filter(({ at }) => inside(at))
    .map(({ r, at }) => ({
      system: "epm",
      person: norm(r.name),
      actor: norm(r.performedBy),
      at,
      grant: ["assigned", "added"].includes(norm(r.action)),
      self: r.performedBy != null && r.name != null && norm(r.performedBy) === norm(r.name),
    }));
}

function outsideWindow(rule: ChangeWindowRule, changes: readonly Change[]): Change[] {
  if (rule.timeZone !== "UTC") throw new RangeError("expectedFindings reads the default (UTC) change window");
  return changes
    .filter((c) => {
      const d = new Date(c.at);
      const time = d.toISOString().slice(11, 16);
      return !rule.days.includes(WEEKDAYS[d.getUTCDay()]!) || time < rule.hours.from || time >= rule.hours.to;
    })
    .map((c) => ({ ...c, person: c.actor }));
}

function deactivated(
  ruleId: string,
  events: readonly AnaplanSimulatedEvent[],
  users: readonly AnaplanApiUser[],
): ExpectedFinding[] {
  const byId = new Map(users.map((u) => [u.id, u]));
  const rows = events.flatMap((e) => {
    if (e.eventTypeId !== "USR-8" || e.success === false || e.userId.startsWith("INTERNAL_")) return [];
    const user = byId.get(e.userId);
    if (user?.active) return [];
    return [
      { system: "anaplan", person: user ? user.email.trim().toLowerCase() : e.userId, at: e.eventDate },
    ];
  });
  return grouped(ruleId, rows);
}

function bursts(
  rule: FailedSignInBurstRule,
  events: readonly AnaplanSimulatedEvent[],
  records: SimulatorRecords,
  key: (id: unknown) => string,
  inside: (at: number) => boolean,
): ExpectedFinding[] {
  const failures = [
    ...events
      .filter((e) => e.eventTypeId === "USR-9")
      .map((e) => ({
        system: "anaplan",
        account: key(e.userId),
        address: String(e.ipAddress ?? ""),
        at: e.eventDate,
      })),
    ...records.epmInvalidLogins
      .map((r) => ({
        system: "epm",
        account: String(r.userName ?? "")
          .trim()
          .toLowerCase(),
        address: String(r.ipAddress ?? ""),
        at: (r.dateAndTime as Date).getTime(),
      }))
      .filter((f) => inside(f.at)),
  ];
  const groups = new Map<string, Array<{ system: string; person: string; at: number }>>();
  for (const f of failures) {
    const person = rule.per === "account" ? f.account : f.address;
    if (!person) continue;
    const id = `${f.system} ${person}`;
    groups.set(id, [...(groups.get(id) ?? []), { system: f.system, person, at: f.at }]);
  }
  const span = rule.minutes * 60_000;
  const members = [...groups.values()].flatMap((group) => {
    const times = group.map((g) => g.at).sort((a, b) => a - b);
    // A failure is in a burst when some span of `minutes` around it holds `threshold` failures.
    return group.filter((g) =>
      times.some(
        (t) =>
          t <= g.at &&
          g.at <= t + span &&
          times.filter((u) => u >= t && u <= t + span).length >= rule.threshold,
      ),
    );
  });
  return grouped(rule.id, members);
}

function grouped(
  ruleId: string,
  rows: ReadonlyArray<{ system: string; person: string; at: number }>,
): ExpectedFinding[] {
  const out = new Map<string, ExpectedFinding>();
  for (const r of rows) {
    const id = `${r.system} ${r.person}`;
    const f = out.get(id) ?? { ruleId, person: r.person, system: r.system, firstSeen: r.at, lastSeen: r.at };
    f.firstSeen = Math.min(f.firstSeen!, r.at);
    f.lastSeen = Math.max(f.lastSeen!, r.at);
    out.set(id, f);
  }
  return [...out.values()];
}
