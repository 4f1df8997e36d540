import type { AnaplanTenant, TenantUser } from "./anaplan/anaplan-tenant.js";
import type { EpmSimDay } from "./epm/epm-sim-day.js";
import type { EpmSimTenant } from "./epm/epm-sim-tenant.js";

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/**
 * One Anaplan audit event the simulator plants on purpose (a rule violation a test can name).
 *
 * @example
 * ```ts
 * const e: PlantedAnaplanEvent = { why: "self-grant", eventTypeId: "AUTHZ-3", userId: "u1", objectId: "u1", eventDate: Date.parse("2026-11-28T23:30:00Z"), success: true, ipAddress: "10.0.0.1", additionalAttributes: { roleName: "Tenant Admin" } };
 * ```
 */
export interface PlantedAnaplanEvent {
  /** The violation it plants, in words (the rule it should trip). */
  why: string;
  eventTypeId: string;
  userId: string;
  objectId?: string | undefined;
  eventDate: number;
  success: boolean;
  ipAddress: string;
  additionalAttributes?: Record<string, unknown> | undefined;
}

/**
 * The Anaplan events planted relative to the simulator's start (its clock at creation), two and
 * three days before it so the Audit API (30 days) still holds them: a role granted by an
 * administrator to an ordinary user at 10:00 UTC; a user granting a role to themselves at 23:30
 * UTC; a role granted at 02:15 UTC (outside business hours); a sign-in by a deleted user; six
 * failed sign-ins of one account in five minutes; twelve failed sign-ins of ten accounts from one
 * address in five and a half minutes.
 *
 * @param start - the simulator's start, epoch ms
 * @param tenant - the Anaplan tenant
 * @returns the planted events (none for a tenant with fewer than 14 ordinary accounts)
 * @example
 * ```ts
 * plantedAnaplanEvents(Date.parse("2026-11-30T12:00:00Z"), tenant).length //=> 22
 * ```
 */
export function plantedAnaplanEvents(start: number, tenant: AnaplanTenant): PlantedAnaplanEvent[] {
  return anaplanViolations(Math.floor(start / DAY_MS) * DAY_MS, tenant);
}

/**
 * The EPM audit rows planted relative to the simulator's start, per UTC day number: a user
 * assigning themselves Service Administrator at 22:40 UTC two days before; seven failed sign-ins
 * of one login from one address in six minutes; twelve failed sign-ins of twelve names from one
 * address in eleven minutes, four days before.
 *
 * @param start - the simulator's start, epoch ms
 * @param tenant - the EPM tenant
 * @returns day number → rows to add to that day
 * @example
 * ```ts
 * plantedEpmRows(Date.parse("2026-11-30T12:00:00Z"), tenant).size //=> 2
 * ```
 */
export function plantedEpmRows(start: number, tenant: EpmSimTenant): Map<number, Partial<EpmSimDay>> {
  return epmViolations(Math.floor(start / DAY_MS) * DAY_MS, tenant);
}

function ordinaryUsers(tenant: AnaplanTenant): TenantUser[] {
  return tenant.accounts.filter(
    (a) => a.active && !a.deleted && a !== tenant.auditor && !tenant.admins.includes(a),
  );
}

function anaplanViolations(origin: number, tenant: AnaplanTenant): PlantedAnaplanEvent[] {
  const users = ordinaryUsers(tenant);
  if (users.length < 14) return [];
  const admin = tenant.admins[0] ?? tenant.auditor;
  const role = tenant.roles[0]!;
  const grant = (why: string, actor: TenantUser, target: TenantUser, eventDate: number) => ({
    why,
    eventTypeId: "AUTHZ-3",
    userId: actor.id,
    objectId: target.id,
    eventDate,
    success: true,
    ipAddress: actor.homeIp,
    additionalAttributes: {
      roleId: role.id,
      roleName: role.name,
      targetUserId: target.id,
      targetUserName: target.email,
    },
  });
  const failure = (why: string, user: TenantUser, ip: string, eventDate: number) => ({
    why,
    eventTypeId: "USR-9",
    userId: user.id,
    eventDate,
    success: false,
    ipAddress: ip,
    additionalAttributes: { clientName: "API", reason: "Invalid credentials" },
  });
  const day2 = origin - 2 * DAY_MS;
  const day3 = origin - 3 * DAY_MS;
  const out: PlantedAnaplanEvent[] = [
    grant("privileged grant", admin, users[0]!, day3 + 10 * 3_600_000),
    grant("self-grant at night", users[1]!, users[1]!, day3 + 23.5 * 3_600_000),
    grant("privileged change outside business hours", admin, users[2]!, day2 + 2.25 * 3_600_000),
  ];
  const deleted = tenant.deletedUserIds[0];
  if (deleted !== undefined) {
    out.push({
      why: "sign-in by a deleted user",
      eventTypeId: "USR-8",
      userId: deleted,
      eventDate: day2 + 14 * 3_600_000 + 7_000,
      success: true,
      ipAddress: "198.51.100.31",
      additionalAttributes: { clientName: "Anaplan Web" },
    });
  }
  const victim = users[3]!;
  for (let k = 0; k < 6; k++)
    out.push(
      failure("failed sign-in burst (account)", victim, victim.homeIp, day2 + 9 * 3_600_000 + k * MINUTE_MS),
    );
  for (let k = 0; k < 12; k++)
    out.push(
      failure(
        "failed sign-in burst (address)",
        users[4 + (k % 10)]!,
        "198.51.100.66",
        day3 + 16 * 3_600_000 + k * 30_000,
      ),
    );
  return out;
}

function epmViolations(origin: number, tenant: EpmSimTenant): Map<number, Partial<EpmSimDay>> {
  const ordinary = tenant.accounts.filter((a) => a.active && !a.admin);
  const out = new Map<number, Partial<EpmSimDay>>();
  if (ordinary.length < 14) return out;
  const day2 = origin - 2 * DAY_MS;
  const day4 = origin - 4 * DAY_MS;
  const self = ordinary[0]!;
  out.set(day2 / DAY_MS, {
    roleChanges: [
      {
        at: day2 + 22 * 3_600_000 + 40 * MINUTE_MS,
        name: self.login,
        type: "User",
        role: "Service Administrator",
        action: "Assigned",
        performedBy: self.login,
      },
    ],
    invalidLogins: Array.from({ length: 7 }, (_, k) => ({
      at: day2 + 11 * 3_600_000 + k * MINUTE_MS,
      userName: ordinary[1]!.login,
      ipAddress: "192.0.2.250",
    })),
  });
  out.set(day4 / DAY_MS, {
    invalidLogins: Array.from({ length: 12 }, (_, k) => ({
      at: day4 + 15 * 3_600_000 + k * MINUTE_MS,
      userName: ordinary[2 + k]!.login,
      ipAddress: "192.0.2.251",
    })),
  });
  return out;
}

/**
 * A day's activity with the planted rows added, each list still in time order.
 *
 * @param day - the generated activity
 * @param planted - planted rows of that day, if any
 * @returns the merged day
 * @example
 * ```ts
 * withPlanted(epmSimDay(tenant, 1, 20_000), planted.epm.get(20_000))
 * ```
 */
export function withPlanted(day: EpmSimDay, planted: Partial<EpmSimDay> | undefined): EpmSimDay {
  if (!planted) return day;
  const merge = <T extends { at: number }>(a: T[], b: T[] | undefined) =>
    b ? [...a, ...b].sort((x, y) => x.at - y.at) : a;
  return {
    groupChanges: merge(day.groupChanges, planted.groupChanges),
    roleChanges: merge(day.roleChanges, planted.roleChanges),
    invalidLogins: merge(day.invalidLogins, planted.invalidLogins),
    userLogins: merge(day.userLogins, planted.userLogins),
  };
}
