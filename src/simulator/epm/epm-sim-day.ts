import { seededRandom } from "../random.js";
import type { EpmSimAccount, EpmSimTenant } from "./epm-sim-tenant.js";

/** A group membership change (Group Assignment Audit row). */
export interface EpmSimGroupChange {
  at: number;
  name: string;
  type: "User" | "EPM Group";
  group: string;
  groupType: "EPM" | "IDCS";
  action: "Assigned" | "Unassigned";
  performedBy: string;
}

/** A role grant or revocation (Role Assignment Audit row). */
export interface EpmSimRoleChange {
  at: number;
  name: string;
  type: "User" | "EPM Group" | "IDCS Group";
  role: string;
  action: "Assigned" | "Unassigned";
  performedBy: string;
}

/** A failed sign-in (Invalid Login row). */
export interface EpmSimInvalidLogin {
  at: number;
  userName: string;
  ipAddress: string;
}

/** A sign-in (User Login row). */
export interface EpmSimUserLogin {
  at: number;
  userLogin: string;
  ipAddress: string;
}

/** Everything that happened in the tenant on one UTC day, oldest first. */
export interface EpmSimDay {
  groupChanges: EpmSimGroupChange[];
  roleChanges: EpmSimRoleChange[];
  invalidLogins: EpmSimInvalidLogin[];
  userLogins: EpmSimUserLogin[];
}

const DAY_MS = 86_400_000;
const byTime = <T extends { at: number }>(rows: T[]) => rows.sort((a, b) => a.at - b.at);

/**
 * The tenant's activity on one UTC day, a pure function of (tenant, seed, day) so that any
 * window and any clock give the same rows. Weekdays are busy, weekends quiet. Access changes
 * are mostly by the three administrators, about one in eight is a self-assignment
 * (performedBy = the member), and a few are by an ordinary user. Invalid logins mix mistyped
 * passwords, people without an EPM account, typos and scanners, with bursts from one address.
 *
 * @param tenant - the EPM tenant
 * @param seed - tenant seed
 * @param day - days since 1970-01-01 (UTC)
 * @returns the day's rows, each list sorted by time
 */
export function epmSimDay(tenant: EpmSimTenant, seed: number, day: number): EpmSimDay {
  const start = day * DAY_MS;
  const weekday = ![0, 6].includes(new Date(start).getUTCDay());
  const admins = tenant.accounts.filter((a) => a.admin);
  const active = tenant.accounts.filter((a) => a.active);
  const r = seededRandom(seed, 0xe9d, day);
  const at = (fromHour: number, toHour: number) =>
    start + Math.floor(((fromHour + r() * (toHour - fromHour)) * 3_600_000) / 1000) * 1000;
  const performer = (member: EpmSimAccount | undefined) => {
    const x = r();
    if (member && x < 0.13) return member.login;
    if (x < 0.18) return active[Math.floor(r() * active.length)]!.login;
    return admins[Math.floor(r() * admins.length)]!.login;
  };

  const groupChanges: EpmSimGroupChange[] = [];
  for (let n = Math.floor(r() * (weekday ? 7 : 2)); n > 0; n--) {
    const group = tenant.groups[Math.floor(r() * tenant.groups.length)]!;
    const nested =
      r() < 0.08 ? tenant.groups.find((g) => g.type === group.type && g.name !== group.name) : undefined;
    const member = nested ? undefined : tenant.accounts[Math.floor(r() * tenant.accounts.length)]!;
    groupChanges.push({
      at: at(6, 20),
      name: nested ? nested.name : member!.login,
      type: nested ? "EPM Group" : "User",
      group: group.name,
      groupType: group.type,
      action: r() < 0.65 ? "Assigned" : "Unassigned",
      performedBy: performer(member),
    });
  }

  const roleChanges: EpmSimRoleChange[] = [];
  for (let n = Math.floor(r() * (weekday ? 5 : 1.5)); n > 0; n--) {
    const role = tenant.roles[Math.floor(r() * tenant.roles.length)]!;
    const kind = r();
    const group = tenant.groups[Math.floor(r() * tenant.groups.length)]!;
    const member = kind < 0.75 ? tenant.accounts[Math.floor(r() * tenant.accounts.length)]! : undefined;
    const deleted =
      kind >= 0.93 && tenant.outsiders.length > 0
        ? tenant.outsiders[Math.floor(r() * tenant.outsiders.length)]!
        : undefined;
    roleChanges.push({
      at: at(6, 20),
      // A deleted user shows with a display name instead of a login.
      name: member ? member.login : deleted ? `${deleted.firstName} ${deleted.lastName}` : group.name,
      type: member || deleted ? "User" : group.type === "IDCS" ? "IDCS Group" : "EPM Group",
      role,
      action: deleted ? "Unassigned" : r() < 0.6 ? "Assigned" : "Unassigned",
      performedBy: performer(member),
    });
  }

  const invalidLogins: EpmSimInvalidLogin[] = [];
  for (let n = 2 + Math.floor(r() * 7); n > 0; n--) {
    invalidLogins.push({ at: at(0, 24), userName: attemptedName(tenant, r), ipAddress: randomIp(r) });
  }
  if (r() < 0.3) {
    // A burst: one name tried many times from one address within a few minutes.
    const target = r() < 0.5 ? active[Math.floor(r() * active.length)]!.login : "admin";
    const ip = `192.0.2.${1 + Math.floor(r() * 254)}`;
    let t = at(0, 23.9);
    for (let n = 8 + Math.floor(r() * 13); n > 0; n--) {
      invalidLogins.push({ at: t, userName: target, ipAddress: ip });
      t += 1000 + Math.floor(r() * 15) * 1000;
    }
  }

  const userLogins: EpmSimUserLogin[] = [];
  for (const account of active) {
    const sessions = r() < (weekday ? 0.55 : 0.04) ? (r() < 0.15 ? 2 : 1) : 0;
    for (let s = 0; s < sessions; s++) {
      // The dormant account draws like the others (the day's other rows stay the same) but never signs in.
      if (account.login === tenant.dormant) {
        at(6, 20);
        if (r() >= 0.9) randomIp(r);
        continue;
      }
      userLogins.push({
        at: at(6, 20),
        userLogin: account.login,
        ipAddress: r() < 0.9 ? account.homeIp : randomIp(r),
      });
    }
  }
  return {
    groupChanges: byTime(groupChanges),
    roleChanges: byTime(roleChanges),
    invalidLogins: byTime(invalidLogins),
    userLogins: byTime(userLogins),
  };
}

function attemptedName(tenant: EpmSimTenant, r: () => number): string {
  const x = r();
  if (x < 0.6 || tenant.outsiders.length === 0)
    return tenant.accounts[Math.floor(r() * tenant.accounts.length)]!.login;
  if (x < 0.75) return tenant.outsiders[Math.floor(r() * tenant.outsiders.length)]!.email;
  if (x < 0.9) return tenant.accounts[Math.floor(r() * tenant.accounts.length)]!.email.replace("@", "@@");
  return ["admin", "test", "oracle", "root"][Math.floor(r() * 4)]!;
}

function randomIp(r: () => number): string {
  return `203.0.113.${1 + Math.floor(r() * 254)}`;
}
