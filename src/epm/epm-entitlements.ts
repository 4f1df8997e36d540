import pl, { type DataType } from "nodejs-polars";
import { EntitlementRoleError } from "../errors/entitlement-role-error.js";
import { PayloadError } from "../errors/payload-error.js";
import { ENTITLEMENT_SCHEMA } from "../frames/entitlement-schema.js";
import { EPM_SERVICE, type EpmCallOptions, type EpmContext } from "./epm-context.js";
import { readEpmEnvelope } from "./epm-envelope.js";
import type { EpmReports } from "./epm-reports.js";

/**
 * Schemas of the EPM entitlement frames (`epm.entitlements.*`), fixed also with zero rows.
 *
 * - `userRoles`: userLogin, firstName, lastName, email, role, roleTier (`application` for Service
 *   Administrator, Power User, User, Viewer; else `granular`), grantedThrough (`Direct` or the group).
 * - `userGroups`: userLogin, email, group, groupType (`EPM`/`IDCS`), direct (false: through a nested group).
 * - `groupMembers`: group, groupType, memberType (`user`/`group`), member (login or group name).
 *
 * @example
 * ```ts
 * Object.keys(EPM_ENTITLEMENT_SCHEMAS.groupMembers) //=> ["group", "groupType", "memberType", "member"]
 * ```
 */
export const EPM_ENTITLEMENT_SCHEMAS = Object.freeze({
  userRoles: {
    userLogin: pl.Utf8,
    firstName: pl.Utf8,
    lastName: pl.Utf8,
    email: pl.Utf8,
    role: pl.Utf8,
    roleTier: pl.Utf8,
    grantedThrough: pl.Utf8,
  },
  userGroups: { userLogin: pl.Utf8, email: pl.Utf8, group: pl.Utf8, groupType: pl.Utf8, direct: pl.Bool },
  groupMembers: { group: pl.Utf8, groupType: pl.Utf8, memberType: pl.Utf8, member: pl.Utf8 },
} satisfies Record<string, Record<string, DataType>>);

const APPLICATION_ROLES = new Set(["service administrator", "power user", "user", "viewer"]);
const USERS_PATH = "/interop/rest/security/v1/users/list";
const GROUPS_PATH = "/interop/rest/security/v1/groups/list";
/** The largest security-list body accepted (the lists have no paging). */
export const EPM_SECURITY_LIST_MAX_BYTES = 64 * 1024 * 1024;

/**
 * `epm.entitlements`: who holds which role and group in the EPM environment, from the synchronous
 * security lists (List Users with `indirect: true`, List Groups with members; no paging exists,
 * one call returns everything), plus the Role Assignment report job (`provisioning()`, the same
 * job and download rules as `epm.reports`). A caller without Service Administrator or Access
 * Control - View gets an {@link EntitlementRoleError}.
 *
 * @example
 * ```ts
 * const roles = await epm.entitlements.userRoles();
 * const rows = await epm.entitlements.snapshot();
 * ```
 */
export class EpmEntitlements {
  readonly #ctx: EpmContext;
  readonly #reports: EpmReports;

  /**
   * @param context - the EPM client's transport, auth and base URL
   * @param reports - the client's report namespace (for the Role Assignment report)
   */
  constructor(context: EpmContext, reports: EpmReports) {
    this.#ctx = context;
    this.#reports = reports;
  }

  /**
   * Every user's roles, direct and inherited through groups (List Users, all flags, `indirect`).
   *
   * @param options - `signal`
   * @returns {@link EPM_ENTITLEMENT_SCHEMAS}.userRoles, one row per (user, role, source)
   * @throws {@link EntitlementRoleError}, {@link PayloadError}, {@link HttpError}
   * @example
   * ```ts
   * (await epm.entitlements.userRoles()).filter(pl.col("role").eq(pl.lit("Service Administrator")))
   * ```
   */
  async userRoles(options: EpmCallOptions = {}): Promise<pl.DataFrame> {
    return frame(EPM_ENTITLEMENT_SCHEMAS.userRoles, (await this.#users(options)).roles);
  }

  /**
   * Every user's EPM and IDCS groups, direct and through nesting (List Users).
   *
   * @param options - `signal`
   * @returns {@link EPM_ENTITLEMENT_SCHEMAS}.userGroups
   * @example
   * ```ts
   * await epm.entitlements.userGroups()
   * ```
   */
  async userGroups(options: EpmCallOptions = {}): Promise<pl.DataFrame> {
    return frame(EPM_ENTITLEMENT_SCHEMAS.userGroups, (await this.#users(options)).groups);
  }

  /**
   * Groups with their direct members, users and nested groups (List Groups, `members: true`).
   *
   * @param options - `signal`
   * @returns {@link EPM_ENTITLEMENT_SCHEMAS}.groupMembers
   * @example
   * ```ts
   * await epm.entitlements.groupMembers()
   * ```
   */
  async groupMembers(options: EpmCallOptions = {}): Promise<pl.DataFrame> {
    const details = await this.#list(
      GROUPS_PATH,
      { type: ["EPM", "IDCS", "PREDEFINED"], members: true, roles: true },
      options,
    );
    const rows: Record<string, unknown>[] = [];
    for (const g of details) {
      const members = (g.members ?? {}) as Record<string, unknown>;
      for (const u of array(members.users)) {
        rows.push({
          group: text(g.groupname),
          groupType: text(g.type),
          memberType: "user",
          member: text(u.userlogin),
        });
      }
      for (const c of array(members.groups)) {
        rows.push({
          group: text(g.groupname),
          groupType: text(g.type),
          memberType: "group",
          member: text(c.groupname),
        });
      }
    }
    return frame(EPM_ENTITLEMENT_SCHEMAS.groupMembers, rows);
  }

  /**
   * The user access (provisioning) report: the Role Assignment report job, run, polled and
   * downloaded like `epm.reports.roleAssignments()`.
   *
   * @param options - `signal`
   * @returns the report frame (EPM_ROLE_ASSIGNMENTS_SCHEMA)
   * @example
   * ```ts
   * await epm.entitlements.provisioning()
   * ```
   */
  provisioning(options: EpmCallOptions = {}): Promise<pl.DataFrame> {
    return this.#reports.roleAssignments(options);
  }

  /**
   * The environment's entitlements as snapshot rows ({@link ENTITLEMENT_SCHEMA}, system `epm`,
   * scope `application`): roles (rightType `role`, grantedThrough `Direct` or the group) and group
   * memberships (rightType `group`, grantedThrough `Direct` or `Nested`), source `list-users`.
   * The person is the login when it is an e-mail, else the account's e-mail (lower-cased).
   *
   * @param options - `signal`
   * @returns the snapshot rows, sorted
   * @example
   * ```ts
   * const rows = await epm.entitlements.snapshot();
   * ```
   */
  async snapshot(options: EpmCallOptions = {}): Promise<pl.DataFrame> {
    const { roles, groups } = await this.#users(options);
    const person = (r: Record<string, unknown>) => {
      const login = String(r.userLogin ?? "")
        .trim()
        .toLowerCase();
      const email = String(r.email ?? "")
        .trim()
        .toLowerCase();
      return login.includes("@") || !email ? login : email;
    };
    const base = {
      system: "epm",
      scope: "application",
      scopeId: null,
      scopeName: null,
      source: "list-users",
    };
    const rows = [
      ...roles.map((r) => ({
        ...base,
        person: person(r),
        right: r.role,
        rightType: "role",
        grantedThrough: r.grantedThrough,
      })),
      ...groups.map((g) => ({
        ...base,
        person: person(g),
        right: g.group,
        rightType: "group",
        grantedThrough: g.direct ? "Direct" : "Nested",
      })),
    ];
    return frame(ENTITLEMENT_SCHEMA, rows).sort(["person", "rightType", "right", "grantedThrough"]);
  }

  async #users(options: EpmCallOptions) {
    const details = await this.#list(
      USERS_PATH,
      { epmgroups: true, idcsgroups: true, applicationroles: true, granularroles: true, indirect: true },
      options,
    );
    const roles: Record<string, unknown>[] = [];
    const groups: Record<string, unknown>[] = [];
    for (const u of details) {
      const who = {
        userLogin: text(u.userlogin),
        firstName: text(u.firstname),
        lastName: text(u.lastname),
        email: text(u.email),
      };
      if (!who.userLogin) throw new PayloadError("Oracle EPM List Users: a user has no userlogin.");
      for (const r of [...array(u.applicationroles), ...array(u.granularroles)]) {
        const role = text(r.rolename);
        if (!role) continue;
        const through = text(r.grantedthroughgroup);
        roles.push({
          ...who,
          role,
          roleTier: APPLICATION_ROLES.has(role.toLowerCase()) ? "application" : "granular",
          grantedThrough: through ? through : "Direct",
        });
      }
      for (const g of [...array(u.epmgroups), ...array(u.idcsgroups)]) {
        groups.push({
          userLogin: who.userLogin,
          email: who.email,
          group: text(g.groupname),
          groupType: text(g.type),
          direct: g.direct === undefined ? true : g.direct === true || g.direct === "Yes",
        });
      }
    }
    return { roles, groups };
  }

  async #list(path: string, body: unknown, options: EpmCallOptions): Promise<Record<string, unknown>[]> {
    const res = await this.#ctx.transport.request({
      method: "POST",
      url: `${this.#ctx.baseUrl}${path}`,
      service: EPM_SERVICE,
      headers: { accept: "application/json", "content-type": "application/json" },
      body: JSON.stringify(body),
      auth: this.#ctx.auth,
      // A read: safe to repeat.
      retry: true,
      ...(options.signal && { signal: options.signal }),
    });
    if (res.body.length > EPM_SECURITY_LIST_MAX_BYTES) {
      throw new PayloadError(
        `Oracle EPM ${path}: the answer exceeds ${EPM_SECURITY_LIST_MAX_BYTES} bytes; refused.`,
      );
    }
    const envelope = readEpmEnvelope(res.body, path, this.#ctx.transport.redactor);
    if (envelope.status !== 0) {
      const details = {
        status: res.status,
        method: "POST",
        url: res.url,
        service: EPM_SERVICE,
        apiStatus: String(
          (envelope.body.error as Record<string, unknown> | null)?.errorcode ?? envelope.status,
        ),
        apiMessage: envelope.details,
      };
      if (/not authori[sz]ed|access control|permission/i.test(envelope.details ?? "")) {
        throw new EntitlementRoleError("Access Control - View (or Service Administrator)", details);
      }
      throw new PayloadError(
        `Oracle EPM ${path} failed with status ${envelope.status}: ${envelope.details ?? ""}`,
      );
    }
    const list = envelope.body.details;
    if (!Array.isArray(list)) throw new PayloadError(`Oracle EPM ${path}: "details" is not a list.`);
    return list as Record<string, unknown>[];
  }
}

function frame(schema: Readonly<Record<string, DataType>>, rows: ReadonlyArray<Record<string, unknown>>) {
  return pl.DataFrame(
    Object.entries(schema).map(([name, type]) =>
      pl.Series(
        name,
        rows.map((r) => r[name] ?? null),
        type,
      ),
    ),
  );
}

function array(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? (v as Record<string, unknown>[]) : [];
}

function text(v: unknown): string | null {
  return v === undefined || v === null ? null : String(v);
}
