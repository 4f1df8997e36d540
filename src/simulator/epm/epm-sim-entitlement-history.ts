import type { EpmSimDay } from "./epm-sim-day.js";
import { epmMemberOf, epmRoleSources } from "./epm-sim-security-routes.js";
import type { EpmSimAccount, EpmSimTenant } from "./epm-sim-tenant.js";

/** A change to the EPM state that no audit row records (ground truth). */
export interface EpmPlantedChange {
  at: number;
  login: string;
  kind: "role" | "group";
  name: string;
  change: "grant" | "revoke";
}

/** A snapshot change as explainChanges should classify it. */
export interface EpmTruthChange {
  person: string;
  right: string;
  rightType: "role" | "group";
  change: "grant" | "revoke";
  fromSnapshot: string;
  toSnapshot: string;
}

/** An audit row (Role or Group Assignment Audit) that no snapshot change reflects. */
export interface EpmTruthEvent {
  at: number;
  right: string;
  rightType: "role" | "group";
  change: "grant" | "revoke";
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * The EPM tenant's entitlements over time: the tenant as built at `start`, changed by the
 * user-level rows of its own Role and Group Assignment Audit reports (a user assigned to or
 * unassigned from a role or group) after `start`, and by three planted changes no audit row
 * records (day+1 11:00 a direct role granted, day+2 15:00 a direct group membership removed,
 * day+3 10:00 a direct role granted, days counted from `start`'s UTC day). Group-level rows (a
 * role granted to a group, a group nested in another) and rows about deleted users are recorded
 * but not applied: they are privileged events without effect.
 *
 * @example
 * ```ts
 * const history = new EpmEntitlementHistory(tenant, start, dayOf);
 * history.tenantAt(start + 86_400_000).accounts.length
 * ```
 */
export class EpmEntitlementHistory {
  readonly start: number;
  readonly planted: readonly EpmPlantedChange[];
  readonly #tenant: EpmSimTenant;
  readonly #dayOf: (day: number) => EpmSimDay;

  /**
   * @param tenant - the tenant at `start`
   * @param start - the simulator clock at creation (epoch ms)
   * @param dayOf - the tenant's audit activity of a UTC day
   */
  constructor(tenant: EpmSimTenant, start: number, dayOf: (day: number) => EpmSimDay) {
    this.#tenant = tenant;
    this.start = start;
    this.#dayOf = dayOf;
    this.planted = plant(tenant, Math.floor(start / DAY_MS) * DAY_MS);
  }

  /** The tenant as it is at `at`: accounts with their direct roles and groups then. */
  tenantAt(at: number): EpmSimTenant {
    const accounts = this.#tenant.accounts.map((a) => ({ ...a, roles: [...a.roles], groups: [...a.groups] }));
    if (at <= this.start) return { ...this.#tenant, accounts };
    const byLogin = new Map(accounts.map((a) => [a.login, a]));
    for (const step of this.#steps(at)) {
      const account = byLogin.get(step.login);
      if (!account) continue;
      const list = step.kind === "role" ? account.roles : account.groups;
      const i = list.indexOf(step.name);
      if (step.change === "grant" && i < 0) list.push(step.name);
      if (step.change === "revoke" && i >= 0) list.splice(i, 1);
      if (step.kind === "group") list.sort();
    }
    return { ...this.#tenant, accounts };
  }

  /**
   * What explainChanges must find between consecutive snapshot times, given the List Users
   * snapshots and the audit reports: the changes no audit row explains (planted ones, and rights
   * that changed only as a consequence, such as roles inherited through a group), and the audit
   * rows no change reflects.
   *
   * @param times - snapshot times (epoch ms), ascending; snapshot days are their UTC days
   */
  truth(times: readonly number[]): { unexplained: EpmTruthChange[]; withoutEffect: EpmTruthEvent[] } {
    const unexplained: EpmTruthChange[] = [];
    const withoutEffect: EpmTruthEvent[] = [];
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    for (let i = 0; i + 1 < times.length; i++) {
      const from = times[i]!;
      const to = times[i + 1]!;
      const before = keys(this.tenantAt(from));
      const after = keys(this.tenantAt(to));
      const persons = new Map(this.#tenant.accounts.map((a) => [a.login, person(a)]));
      const events = this.#rows(from, to).map((r) => ({
        ...r,
        key:
          persons.has(r.login) && r.applied
            ? `${persons.get(r.login)}\u0001${r.name}\u0001${r.kind}`
            : undefined,
      }));
      const used = new Set<(typeof events)[number]>();
      for (const k of new Set([...before, ...after])) {
        if (before.has(k) === after.has(k)) continue;
        const change = after.has(k) ? "grant" : "revoke";
        const explaining = events.filter((e) => e.key === k && e.change === change).at(-1);
        if (explaining) {
          used.add(explaining);
          continue;
        }
        const [p, right, rightType] = k.split("\u0001") as [string, string, "role" | "group"];
        unexplained.push({
          person: p,
          right,
          rightType,
          change,
          fromSnapshot: day(from),
          toSnapshot: day(to),
        });
      }
      for (const e of events) {
        if (!used.has(e))
          withoutEffect.push({ at: e.at, right: e.name, rightType: e.kind, change: e.change });
      }
    }
    return { unexplained, withoutEffect };
  }

  /** Applied steps up to `at`: audit rows about users, and planted changes, in time order. */
  #steps(
    at: number,
  ): Array<{ at: number; login: string; kind: "role" | "group"; name: string; change: "grant" | "revoke" }> {
    const steps = [
      ...this.#rows(this.start, at).filter((r) => r.applied),
      ...this.planted.filter((p) => p.at > this.start && p.at <= at),
    ];
    return steps.sort((a, b) => a.at - b.at);
  }

  /** The audit rows with `at` in (from, to], oldest first; `applied` for user-level rows. */
  #rows(from: number, to: number) {
    const rows: Array<{
      at: number;
      login: string;
      kind: "role" | "group";
      name: string;
      change: "grant" | "revoke";
      applied: boolean;
    }> = [];
    const logins = new Set(this.#tenant.accounts.map((a) => a.login));
    for (let d = Math.floor((from + 1) / DAY_MS); d <= Math.floor(to / DAY_MS); d++) {
      const activity = this.#dayOf(d);
      for (const r of activity.roleChanges) {
        if (r.at <= from || r.at > to) continue;
        rows.push({
          at: r.at,
          login: r.name,
          kind: "role",
          name: r.role,
          change: r.action === "Assigned" ? "grant" : "revoke",
          applied: r.type === "User" && logins.has(r.name),
        });
      }
      for (const g of activity.groupChanges) {
        if (g.at <= from || g.at > to) continue;
        rows.push({
          at: g.at,
          login: g.name,
          kind: "group",
          name: g.group,
          change: g.action === "Assigned" ? "grant" : "revoke",
          applied: g.type === "User" && logins.has(g.name),
        });
      }
    }
    return rows.sort((a, b) => a.at - b.at);
  }
}

/** The person key of an EPM account, as epm.entitlements.snapshot() computes it. */
function person(a: EpmSimAccount): string {
  const login = a.login.trim().toLowerCase();
  return login.includes("@") ? login : a.email.trim().toLowerCase();
}

/** The snapshot keys (person, right, rightType) List Users shows for a tenant. */
function keys(tenant: EpmSimTenant): Set<string> {
  const out = new Set<string>();
  for (const a of tenant.accounts) {
    if (!a.active) continue;
    const roles = epmRoleSources(tenant, a);
    if (roles.size === 0) continue;
    for (const role of roles.keys()) out.add(`${person(a)}\u0001${role}\u0001role`);
    for (const group of epmMemberOf(tenant, a)) out.add(`${person(a)}\u0001${group}\u0001group`);
  }
  return out;
}

function plant(tenant: EpmSimTenant, originDay: number): EpmPlantedChange[] {
  const active = tenant.accounts.filter((a) => a.active && !a.admin);
  const lacking = (role: string, skip: number) =>
    active.filter((a) => !epmRoleSources(tenant, a).has(role))[skip]!;
  const member = active.filter((a) => a.groups.length >= 2)[3]!;
  const at = (d: number, h: number) => originDay + d * DAY_MS + h * HOUR_MS;
  return [
    {
      at: at(1, 11),
      login: lacking("Mass Allocate", 5).login,
      kind: "role",
      name: "Mass Allocate",
      change: "grant",
    },
    { at: at(2, 15), login: member.login, kind: "group", name: member.groups[0]!, change: "revoke" },
    {
      at: at(3, 10),
      login: lacking("Ad Hoc - Create", 9).login,
      kind: "role",
      name: "Ad Hoc - Create",
      change: "grant",
    },
  ];
}
