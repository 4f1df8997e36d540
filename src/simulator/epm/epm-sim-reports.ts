import type { EpmReportName } from "../../epm/epm-report-definitions.js";
import type { EpmSimColumn, EpmSimRow } from "./epm-sim-csv.js";
import type { EpmSimDay } from "./epm-sim-day.js";
import type { EpmSimTenant } from "./epm-sim-tenant.js";

/**
 * An inclusive range of UTC days, `YYYY-MM-DD`.
 *
 * @example
 * ```ts
 * const range: EpmSimRange = { from: "2026-03-01", to: "2026-03-31" };
 * ```
 */
export interface EpmSimRange {
  from: string;
  to: string;
}

/** A report's columns and rows (the ground truth a client must return). */
export interface EpmSimTable {
  columns: EpmSimColumn[];
  rows: EpmSimRow[];
}

const DAY_MS = 86_400_000;
const col = (header: string, key: string, kind: EpmSimColumn["kind"] = "text"): EpmSimColumn => ({
  header,
  key,
  kind,
});

/** The simulated header of each report (reference §4: confirmed or "probable" headers). */
export const EPM_SIM_COLUMNS: Readonly<Record<EpmReportName, EpmSimColumn[]>> = {
  groupAssignmentAudit: [
    col("Name", "name"),
    col("Type", "type"),
    col("Group", "group"),
    col("Group Type", "groupType"),
    col("Action", "action"),
    col("Performed By", "performedBy"),
    col("Date and Time", "dateAndTime", "time"),
  ],
  roleAssignmentAudit: [
    col("Name", "name"),
    col("Type", "type"),
    col("Role", "role"),
    col("Action", "action"),
    col("Performed By", "performedBy"),
    col("Date and Time", "dateAndTime", "time"),
  ],
  invalidLogins: [
    col("User Name", "userName"),
    col("IP Address", "ipAddress"),
    col("Date and Time", "dateAndTime", "time"),
  ],
  userLogins: [
    col("User Login", "userLogin"),
    col("IP Address", "ipAddress"),
    col("Access Date and Time", "accessDateAndTime", "namedTime"),
  ],
  roleAssignments: [
    col("User Login", "userLogin"),
    col("First Name", "firstName"),
    col("Last Name", "lastName"),
    col("Email", "email"),
    col("Role", "role"),
    col("Granted Through", "grantedThrough"),
  ],
  userGroups: [
    col("User Login", "userLogin"),
    col("First Name", "firstName"),
    col("Last Name", "lastName"),
    col("Email", "email"),
    col("Direct", "direct", "yesNo"),
    col("Group", "group"),
  ],
};

/**
 * Builds a report of the simulated tenant: the audit reports from the days in `range` up to
 * `now` (events later than `now` have not happened yet), the current-state reports from the
 * tenant. Role Assignment lists active accounts only, one row per (user, role), with the grant's
 * sources ("Direct" and/or group names) one per line, so the cell holds a quoted line break.
 *
 * @param tenant - the EPM tenant
 * @param dayOf - the activity of a day (cached by the caller)
 * @param report - which report
 * @param range - the days, for the audit reports
 * @param now - the simulated time in epoch ms
 * @returns columns and rows, rows oldest first (audit) or by login (current state)
 */
export function buildEpmSimReport(
  tenant: EpmSimTenant,
  dayOf: (day: number) => EpmSimDay,
  report: EpmReportName,
  range: EpmSimRange | undefined,
  now: number,
): EpmSimTable {
  const columns = EPM_SIM_COLUMNS[report];
  if (report === "roleAssignments") return { columns, rows: roleAssignments(tenant) };
  if (report === "userGroups") return { columns, rows: userGroups(tenant) };
  const first = Date.parse(`${range?.from}T00:00:00Z`) / DAY_MS;
  const last = Date.parse(`${range?.to}T00:00:00Z`) / DAY_MS;
  const rows: EpmSimRow[] = [];
  for (let day = first; day <= last && day * DAY_MS <= now; day++) {
    const activity = dayOf(day);
    const list =
      report === "groupAssignmentAudit"
        ? activity.groupChanges
        : report === "roleAssignmentAudit"
          ? activity.roleChanges
          : report === "invalidLogins"
            ? activity.invalidLogins
            : activity.userLogins;
    for (const { at, ...rest } of list as unknown as Array<{ at: number } & Record<string, string>>) {
      if (at > now) break;
      rows.push({ ...rest, [report === "userLogins" ? "accessDateAndTime" : "dateAndTime"]: new Date(at) });
    }
  }
  return { columns, rows };
}

function person(a: EpmSimTenant["accounts"][number]) {
  return { userLogin: a.login, firstName: a.firstName, lastName: a.lastName, email: a.email };
}

function byLogin(tenant: EpmSimTenant) {
  return [...tenant.accounts].sort((a, b) => (a.login < b.login ? -1 : a.login > b.login ? 1 : 0));
}

function userGroups(tenant: EpmSimTenant): EpmSimRow[] {
  const parentOf = new Map(tenant.groups.map((g) => [g.name, g.parent]));
  return byLogin(tenant).flatMap((a) => {
    const inherited = a.groups
      .map((g) => parentOf.get(g))
      .filter((g): g is string => !!g && !a.groups.includes(g));
    return [
      ...a.groups.map((group) => ({ ...person(a), direct: true, group })),
      ...[...new Set(inherited)].sort().map((group) => ({ ...person(a), direct: false, group })),
    ];
  });
}

function roleAssignments(tenant: EpmSimTenant): EpmSimRow[] {
  const groups = new Map(tenant.groups.map((g) => [g.name, g]));
  return byLogin(tenant)
    .filter((a) => a.active)
    .flatMap((a) => {
      const sources = new Map<string, string[]>();
      const grant = (role: string, source: string) =>
        sources.set(role, [...(sources.get(role) ?? []), source]);
      for (const role of a.roles) grant(role, "Direct");
      const memberOf = new Set(
        a.groups.flatMap((g) => [g, groups.get(g)?.parent].filter((x): x is string => !!x)),
      );
      for (const name of [...memberOf].sort())
        for (const role of groups.get(name)?.roles ?? []) grant(role, name);
      return [...sources.keys()]
        .sort((x, y) => tenant.roles.indexOf(x) - tenant.roles.indexOf(y))
        .map((role) => ({ ...person(a), role, grantedThrough: [...new Set(sources.get(role))].join("\n") }));
    });
}
