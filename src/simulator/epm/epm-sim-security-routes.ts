import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody, sendJson } from "../respond.js";
import type { EpmSimAccount, EpmSimTenant } from "./epm-sim-tenant.js";

/** Switches of the simulated EPM security lists (tests set them). */
export interface EpmSecurityControls {
  /** The caller holds Service Administrator or Access Control - View/Manage. @default true */
  accessControl: boolean;
}

/** The application-tier roles (the old "predefined" roles); every other role is granular. */
export const EPM_APPLICATION_ROLES = Object.freeze(["Service Administrator", "Power User", "User", "Viewer"]);

/**
 * The synchronous security lists of the reference (§3–4): `POST /interop/rest/security/v1/users/list`
 * (flags `epmgroups`, `idcsgroups`, `applicationroles`, `granularroles`, `indirect`, filter
 * `userlogin`/`userattribute`; optional arrays only when asked; with `indirect`, group-inherited
 * roles carry `grantedthroughgroup` and nested groups `direct: false`) and
 * `POST /interop/rest/security/v1/groups/list` (`groupname`, `type` as array or comma text,
 * `members`, `roles`; direct members only). No paging, as documented. Active accounts that hold
 * a role are listed, as the Role Assignment report does. Without the Access Control role: HTTP 200
 * with `status: 1` and an `EPMCSS-` error.
 *
 * @param tenantNow - the EPM tenant as it is now
 * @param base - the simulated service URL (for `links`)
 * @param controls - the caller's role switch
 * @returns a handler: true when it answered the request
 * @example
 * ```ts
 * if (await securityRoute(req, res, path)) return;
 * ```
 */
export function createEpmSecurityRoutes(
  tenantNow: () => EpmSimTenant,
  base: () => string,
  controls: EpmSecurityControls,
): (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean> {
  return async (req, res, path) => {
    const kind =
      path === "/interop/rest/security/v1/users/list"
        ? "users"
        : path === "/interop/rest/security/v1/groups/list"
          ? "groups"
          : undefined;
    if (!kind || req.method !== "POST") return false;
    const links = { href: `${base()}${path}`, action: "POST" };
    const fail = (code: string, message: string) =>
      sendJson(res, 200, {
        links,
        status: 1,
        error: { errorcode: code, errormessage: message },
        details: null,
      });
    let body: Record<string, unknown> = {};
    const text = (await readBody(req)).toString("utf8").trim();
    if (text) {
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch (error) {
        if (!(error instanceof SyntaxError)) throw error;
        fail("EPMCSS-20001", "Invalid request body: it is not JSON.");
        return true;
      }
    }
    if (!controls.accessControl) {
      fail(
        "EPMCSS-21009",
        "You are not authorized to perform this operation. It needs the Service Administrator role, or the Access Control - View or Access Control - Manage role.",
      );
      return true;
    }
    const tenant = tenantNow();
    const details = kind === "users" ? listUsers(tenant, body) : listGroups(tenant, body);
    sendJson(res, 200, { links, status: 0, error: null, details });
    return true;
  };
}

/**
 * Roles an account holds: role → sources ("" for direct, else the group granting it, nested
 * groups one level deep), as the Role Assignment report and List Users show them.
 *
 * @param tenant - the EPM tenant
 * @param a - one of its accounts
 * @returns the roles and their sources
 * @example
 * ```ts
 * epmRoleSources(tenant, tenant.accounts[0]).get("User") //=> ["FP&A Analysts"]
 * ```
 */
export function epmRoleSources(tenant: EpmSimTenant, a: EpmSimAccount): Map<string, string[]> {
  const groups = new Map(tenant.groups.map((g) => [g.name, g]));
  const sources = new Map<string, string[]>();
  const grant = (role: string, source: string) => sources.set(role, [...(sources.get(role) ?? []), source]);
  for (const role of a.roles) grant(role, "");
  for (const name of epmMemberOf(tenant, a))
    for (const role of groups.get(name)?.roles ?? []) grant(role, name);
  return sources;
}

/**
 * Every group an account is in, directly or through one level of nesting, sorted.
 *
 * @param tenant - the EPM tenant
 * @param a - one of its accounts
 * @returns group names
 * @example
 * ```ts
 * epmMemberOf(tenant, account) //=> ["Consolidation Team", "Tax Team"]
 * ```
 */
export function epmMemberOf(tenant: EpmSimTenant, a: EpmSimAccount): string[] {
  const parent = new Map(tenant.groups.map((g) => [g.name, g.parent]));
  return [...new Set(a.groups.flatMap((g) => [g, parent.get(g)].filter((x): x is string => !!x)))].sort();
}

function roleId(tenant: EpmSimTenant, role: string): string {
  return `HP:${String(tenant.roles.indexOf(role) + 1).padStart(4, "0")}`;
}

function listUsers(tenant: EpmSimTenant, body: Record<string, unknown>): Record<string, unknown>[] {
  const flag = (name: string) => body[name] === true || body[name] === "true";
  const indirect = flag("indirect");
  const login = typeof body.userlogin === "string" ? body.userlogin.toLowerCase() : undefined;
  const attribute = typeof body.userattribute === "string" ? body.userattribute.toLowerCase() : undefined;
  const types = new Map(tenant.groups.map((g) => [g.name, g.type]));
  return tenant.accounts
    .filter((a) => a.active && epmRoleSources(tenant, a).size > 0)
    .filter((a) => login === undefined || a.login.toLowerCase().includes(login))
    .filter(
      (a) =>
        attribute === undefined ||
        [a.login, a.firstName, a.lastName, a.email].some((v) => v.toLowerCase().includes(attribute)),
    )
    .sort((x, y) => (x.login < y.login ? -1 : x.login > y.login ? 1 : 0))
    .map((a) => {
      const out: Record<string, unknown> = {
        userlogin: a.login,
        firstname: a.firstName,
        lastname: a.lastName,
        email: a.email,
      };
      const groups = (indirect ? epmMemberOf(tenant, a) : a.groups).map((g) => ({
        groupname: g,
        description: "",
        type: types.get(g),
        ...(indirect && { direct: a.groups.includes(g) }),
      }));
      if (flag("epmgroups")) out.epmgroups = groups.filter((g) => g.type === "EPM");
      if (flag("idcsgroups")) out.idcsgroups = groups.filter((g) => g.type === "IDCS");
      const roles = [...epmRoleSources(tenant, a)]
        .sort(([x], [y]) => tenant.roles.indexOf(x) - tenant.roles.indexOf(y))
        .flatMap(([role, sources]) =>
          [...new Set(sources)]
            .filter((s) => indirect || s === "")
            .map((s) => ({
              rolename: role,
              id: roleId(tenant, role),
              ...(indirect && { grantedthroughgroup: s }),
            })),
        );
      if (flag("applicationroles"))
        out.applicationroles = roles.filter((r) => EPM_APPLICATION_ROLES.includes(r.rolename));
      if (flag("granularroles"))
        out.granularroles = roles.filter((r) => !EPM_APPLICATION_ROLES.includes(r.rolename));
      return out;
    });
}

function listGroups(tenant: EpmSimTenant, body: Record<string, unknown>): Record<string, unknown>[] {
  const wanted = Array.isArray(body.type)
    ? body.type.map(String)
    : typeof body.type === "string"
      ? body.type.split(",").map((t) => t.trim())
      : undefined;
  const name = typeof body.groupname === "string" ? body.groupname : undefined;
  return tenant.groups
    .filter(
      (g) => (wanted === undefined || wanted.includes(g.type)) && (name === undefined || g.name === name),
    )
    .map((g) => {
      const out: Record<string, unknown> = {
        groupname: g.name,
        description: "",
        type: g.type,
        identity: g.name,
      };
      if (body.members === true) {
        out.members = {
          users: tenant.accounts
            .filter((a) => a.active && a.groups.includes(g.name))
            .map((a) => ({
              userlogin: a.login,
              firstname: a.firstName,
              lastname: a.lastName,
              email: a.email,
            })),
          groups: tenant.groups
            .filter((c) => c.parent === g.name)
            .map((c) => ({ groupname: c.name, description: "", type: c.type })),
        };
      }
      if (body.roles === true) out.roles = g.roles.map((r) => ({ rolename: r, id: roleId(tenant, r) }));
      return out;
    });
}
