import pl from "nodejs-polars";
import { EntitlementRoleError } from "../../errors/entitlement-role-error.js";
import type { HttpError } from "../../errors/http-error.js";
import { PayloadError } from "../../errors/payload-error.js";
import { ENTITLEMENT_SCHEMA } from "../../frames/entitlement-schema.js";
import type { AuthHook, Transport } from "../../http/transport.js";
import type { TokenManager } from "../auth/token-manager.js";
import { ANAPLAN_ENTITLEMENT_SCHEMAS, rowsFrame } from "./anaplan-entitlement-schemas.js";
import { type ListPage, pageThrough } from "./page-through.js";
import { parseLicenceCsv } from "./parse-licence-csv.js";

/** What the entitlements namespace needs from its client. */
export interface AnaplanEntitlementsContext {
  transport: Transport;
  tokens: TokenManager;
  /** Integration API base, `…/2/0`; SCIM and the Administration API live beside it on the same host. */
  apiUrl: string;
  /** The most rows any one listing accepts. @default 1,000,000 */
  maxRows?: number | undefined;
}

/**
 * Options of the entitlement calls.
 *
 * @example
 * ```ts
 * const options: EntitlementCallOptions = { signal: AbortSignal.timeout(60_000) };
 * ```
 */
export interface EntitlementCallOptions {
  /** Cancels the fetch. @default undefined */
  signal?: AbortSignal | undefined;
}

/**
 * Options of {@link AnaplanEntitlements.snapshot}.
 *
 * @example
 * ```ts
 * const options: AnaplanSnapshotOptions = { derivedRoles: derived.rows, signal: AbortSignal.timeout(60_000) };
 * ```
 */
export interface AnaplanSnapshotOptions extends EntitlementCallOptions {
  /**
   * Tenant and model roles replayed from audit events ({@link tenantRolesFromEvents}'s `rows`),
   * appended as they are (source `derived`). @default none
   */
  derivedRoles?: pl.DataFrame | undefined;
}

/**
 * SCIM users per page: the documented maximum `count`.
 *
 * @example
 * ```ts
 * SCIM_PAGE_SIZE //=> 100
 * ```
 */
export const SCIM_PAGE_SIZE = 100;
/**
 * Rows per page of the Integration API lists (the documented cap).
 *
 * @example
 * ```ts
 * INTEGRATION_PAGE_SIZE //=> 5000
 * ```
 */
export const INTEGRATION_PAGE_SIZE = 5000;
/**
 * Rows per page of the user export (`Limit`).
 *
 * @example
 * ```ts
 * EXPORT_PAGE_SIZE //=> 1000
 * ```
 */
export const EXPORT_PAGE_SIZE = 1000;
const DEFAULT_MAX_ROWS = 1_000_000;
const SERVICE = "Anaplan entitlements";

interface ScimUser {
  id: string;
  email: string;
  givenName: string | null;
  familyName: string | null;
  active: boolean;
  workspaces: Array<{ id: string; name: string | null }>;
}

/**
 * `anaplan.entitlements`: who can access what in the Anaplan tenant, from the public APIs, as
 * Polars frames with fixed schemas ({@link ANAPLAN_ENTITLEMENT_SCHEMAS}). Every list is read to
 * its last page with the documented limits (SCIM: 1-based `startIndex`, `count` 100; Integration
 * API: `limit`/`offset` 5000; user export: `Limit`/`Offset`), bounded by `maxRows`, and refused
 * when the server's paging cannot be trusted. A missing role is an {@link EntitlementRoleError}
 * naming the role. Tenant and model roles have no public API: see {@link tenantRolesFromEvents}.
 *
 * @example
 * ```ts
 * const access = await anaplan.entitlements.workspaceAccess();
 * const snapshot = await anaplan.entitlements.snapshot({ derivedRoles: roles.rows });
 * ```
 */
export class AnaplanEntitlements {
  readonly #c: AnaplanEntitlementsContext;
  readonly #host: string;
  readonly #maxRows: number;

  /** @param context - transport, token manager and the Integration API URL */
  constructor(context: AnaplanEntitlementsContext) {
    this.#c = context;
    this.#host = context.apiUrl.replace(/\/2\/0$/, "");
    this.#maxRows = context.maxRows ?? DEFAULT_MAX_ROWS;
  }

  /**
   * The tenant's internal users from SCIM (`GET /scim/1/0/v2/Users`, pages of 100).
   *
   * @param options - `signal`
   * @returns {@link ANAPLAN_ENTITLEMENT_SCHEMAS}.users, one row per user
   * @throws {@link EntitlementRoleError} (User Admin), {@link PayloadError}, {@link HttpError}
   * @example
   * ```ts
   * (await anaplan.entitlements.users()).filter(pl.col("active").not())
   * ```
   */
  async users(options: EntitlementCallOptions = {}): Promise<pl.DataFrame> {
    return usersFrame(await this.#scim(options.signal));
  }

  /**
   * Which workspaces each user can enter: SCIM `WORKSPACE` entitlements, one row per pair.
   *
   * @param options - `signal`
   * @returns {@link ANAPLAN_ENTITLEMENT_SCHEMAS}.workspaceAccess
   * @throws {@link EntitlementRoleError} (User Admin), {@link PayloadError}, {@link HttpError}
   * @example
   * ```ts
   * await anaplan.entitlements.workspaceAccess()
   * ```
   */
  async workspaceAccess(options: EntitlementCallOptions = {}): Promise<pl.DataFrame> {
    return accessFrame(await this.#scim(options.signal));
  }

  /**
   * The workspaces the caller can see (`GET /2/0/workspaces?tenantDetails=true`).
   *
   * @param options - `signal`
   * @returns {@link ANAPLAN_ENTITLEMENT_SCHEMAS}.workspaces
   * @example
   * ```ts
   * await anaplan.entitlements.workspaces()
   * ```
   */
  async workspaces(options: EntitlementCallOptions = {}): Promise<pl.DataFrame> {
    const rows = await this.#list("workspaces", "/workspaces?tenantDetails=true", options.signal);
    return rowsFrame(
      ANAPLAN_ENTITLEMENT_SCHEMAS.workspaces,
      rows.map((w) => ({
        id: text(w.id),
        name: text(w.name),
        active: bool(w.active),
        sizeAllowance: typeof w.sizeAllowance === "number" ? w.sizeAllowance : null,
      })),
    );
  }

  /**
   * The models the caller can see (`GET /2/0/models`), with their workspace.
   *
   * @param options - `signal`
   * @returns {@link ANAPLAN_ENTITLEMENT_SCHEMAS}.models
   * @example
   * ```ts
   * await anaplan.entitlements.models()
   * ```
   */
  async models(options: EntitlementCallOptions = {}): Promise<pl.DataFrame> {
    const rows = await this.#list("models", "/models", options.signal);
    return rowsFrame(
      ANAPLAN_ENTITLEMENT_SCHEMAS.models,
      rows.map((m) => ({
        id: text(m.id),
        name: text(m.name),
        activeState: text(m.activeState),
        workspaceId: text(m.currentWorkspaceId),
        workspaceName: text(m.currentWorkspaceName),
      })),
    );
  }

  /**
   * Workspace administrators and visitors of every workspace (`/2/0/workspaces/{id}/admins` and
   * `/visitors`). Their items carry no user id: `userId` is joined from the Integration API users
   * on the lower-cased e-mail, null when nobody matches (visitors from other tenants).
   *
   * @param options - `signal`; `users` (ANAPLAN_USER_SCHEMA, e.g. `anaplan.audit.listUsers()`) to join ids from
   * @returns {@link ANAPLAN_ENTITLEMENT_SCHEMAS}.workspaceAdmins
   * @throws {@link EntitlementRoleError} (Tenant Admin) when the lists are refused
   * @example
   * ```ts
   * await anaplan.entitlements.workspaceAdmins({ users: await anaplan.audit.listUsers() })
   * ```
   */
  async workspaceAdmins(
    options: EntitlementCallOptions & { users?: pl.DataFrame | undefined; workspaces?: pl.DataFrame } = {},
  ): Promise<pl.DataFrame> {
    const workspaces = options.workspaces ?? (await this.workspaces(options));
    const ids = new Map<string, string>();
    for (const u of options.users?.select("id", "email").toRecords() ?? []) {
      if (u.email) ids.set(String(u.email).trim().toLowerCase(), String(u.id));
    }
    const rows: Record<string, unknown>[] = [];
    for (const ws of workspaces.select("id", "name").toRecords()) {
      for (const kind of ["admins", "visitors"] as const) {
        const items = await this.#list(
          kind,
          `/workspaces/${encodeURIComponent(String(ws.id))}/${kind}`,
          options.signal,
          "Tenant Admin",
        );
        for (const item of items) {
          const email = text(item.email)?.trim().toLowerCase() ?? null;
          rows.push({
            workspaceId: ws.id,
            workspaceName: ws.name,
            kind: kind === "admins" ? "admin" : "visitor",
            email,
            userId: email === null ? null : (ids.get(email) ?? null),
            firstName: text(item.firstName),
            lastName: text(item.lastName),
            active: bool(item.active),
          });
        }
      }
    }
    return rowsFrame(ANAPLAN_ENTITLEMENT_SCHEMAS.workspaceAdmins, rows);
  }

  /**
   * SSO-exception users of every workspace (`POST /admin/1/0/permissions/exception-users/search`
   * with `workspaceGuid`, once per workspace; there is no tenant-wide call).
   *
   * @param options - `signal`; `workspaces` to search (default: {@link workspaces})
   * @returns {@link ANAPLAN_ENTITLEMENT_SCHEMAS}.exceptionUsers
   * @example
   * ```ts
   * await anaplan.entitlements.exceptionUsers()
   * ```
   */
  async exceptionUsers(
    options: EntitlementCallOptions & { workspaces?: pl.DataFrame } = {},
  ): Promise<pl.DataFrame> {
    const workspaces = options.workspaces ?? (await this.workspaces(options));
    const rows: Record<string, unknown>[] = [];
    for (const ws of workspaces.select("id").toRecords()) {
      const res = await this.#c.transport.request({
        method: "POST",
        url: `${this.#host}/admin/1/0/permissions/exception-users/search`,
        service: SERVICE,
        headers: { accept: "application/json", "content-type": "application/json" },
        body: JSON.stringify({ workspaceGuid: ws.id }),
        auth: this.#auth("Tenant Admin"),
        retry: true,
        ...(options.signal && { signal: options.signal }),
      });
      const body = json(res.body, "exception users") as { response?: unknown };
      if (!Array.isArray(body.response)) {
        throw new PayloadError(`${SERVICE}: the exception-users answer has no "response" list.`);
      }
      for (const entry of body.response as Record<string, unknown>[]) {
        for (const u of Array.isArray(entry.users) ? (entry.users as Record<string, unknown>[]) : []) {
          rows.push({
            workspaceId: text(entry.workspaceGuid),
            workspaceName: text(entry.workspaceName),
            userId: text(u.userGuid),
            email: text(u.email)?.trim().toLowerCase() ?? null,
          });
        }
      }
    }
    return rowsFrame(ANAPLAN_ENTITLEMENT_SCHEMAS.exceptionUsers, rows);
  }

  /**
   * Licences per user from the user export (`GET /admin/1/0/users/export`, CSV, `Limit`/`Offset`
   * until a short page): one row per licence.
   *
   * @param options - `signal`
   * @returns {@link ANAPLAN_ENTITLEMENT_SCHEMAS}.licences
   * @throws {@link EntitlementRoleError} (Tenant Admin)
   * @example
   * ```ts
   * await anaplan.entitlements.licences()
   * ```
   */
  async licences(options: EntitlementCallOptions = {}): Promise<pl.DataFrame> {
    const users = await pageThrough({
      what: "Anaplan user export",
      pageSize: EXPORT_PAGE_SIZE,
      maxRows: this.#maxRows,
      fetch: async (offset, limit) => {
        const url = new URL(`${this.#host}/admin/1/0/users/export`);
        url.searchParams.set("Limit", String(limit));
        url.searchParams.set("Offset", String(offset));
        const res = await this.#c.transport.request({
          method: "GET",
          url,
          service: SERVICE,
          headers: { accept: "text/csv" },
          auth: this.#auth("Tenant Admin"),
          ...(options.signal && { signal: options.signal }),
        });
        return { items: parseLicenceCsv(res.body.toString("utf8")), total: undefined, start: undefined };
      },
    });
    return rowsFrame(
      ANAPLAN_ENTITLEMENT_SCHEMAS.licences,
      users.flatMap((u) =>
        u.licences.map((licence) => ({
          email: u.email,
          firstName: u.firstName,
          lastName: u.lastName,
          licence,
        })),
      ),
    );
  }

  /**
   * Everything the public APIs say about access, as one entitlement snapshot
   * ({@link ENTITLEMENT_SCHEMA}, system `anaplan`, person = lower-cased e-mail): workspace access
   * (source `scim`), administrators and visitors (`integration-api`), SSO exceptions
   * (`exception-users`), licences (`user-export`), plus `derivedRoles` when given.
   *
   * @param options - `signal` and `derivedRoles`
   * @returns the snapshot rows, sorted
   * @throws whatever the underlying calls throw: a snapshot is complete or not returned
   * @example
   * ```ts
   * const rows = await anaplan.entitlements.snapshot({ derivedRoles: tenantRolesFromEvents(events, { users }).rows });
   * ```
   */
  async snapshot(options: AnaplanSnapshotOptions = {}): Promise<pl.DataFrame> {
    const workspaces = await this.workspaces(options);
    const access = accessFrame(await this.#scim(options.signal));
    const admins = await this.workspaceAdmins({ ...options, workspaces });
    const exceptions = await this.exceptionUsers({ ...options, workspaces });
    const licences = await this.licences(options);
    const rows: Record<string, unknown>[] = [];
    const add = (
      person: unknown,
      scope: string,
      scopeId: unknown,
      scopeName: unknown,
      right: unknown,
      rightType: string,
      source: string,
    ) =>
      rows.push({
        person,
        system: "anaplan",
        scope,
        scopeId,
        scopeName,
        right,
        rightType,
        grantedThrough: "Direct",
        source,
      });
    for (const a of access.toRecords())
      add(a.email, "workspace", a.workspaceId, a.workspaceName, "Workspace access", "access", "scim");
    for (const a of admins.toRecords()) {
      const admin = a.kind === "admin";
      add(
        a.email,
        "workspace",
        a.workspaceId,
        a.workspaceName,
        admin ? "Workspace Administrator" : "Visitor",
        admin ? "admin" : "visitor",
        "integration-api",
      );
    }
    for (const e of exceptions.toRecords())
      add(
        e.email,
        "workspace",
        e.workspaceId,
        e.workspaceName,
        "SSO exception",
        "exception",
        "exception-users",
      );
    for (const l of licences.toRecords())
      add(l.email, "tenant", null, null, l.licence, "licence", "user-export");
    const frames = [rowsFrame(ENTITLEMENT_SCHEMA, rows)];
    if (options.derivedRoles) frames.push(options.derivedRoles.select(...Object.keys(ENTITLEMENT_SCHEMA)));
    return pl
      .concat(frames, { how: "vertical" })
      .sort(["person", "scope", "scopeId", "rightType", "right"], false, true);
  }

  async #scim(signal: AbortSignal | undefined): Promise<ScimUser[]> {
    const users = await pageThrough<ScimUser>({
      what: "Anaplan SCIM users",
      pageSize: SCIM_PAGE_SIZE,
      maxRows: this.#maxRows,
      fetch: async (offset, limit): Promise<ListPage<ScimUser>> => {
        const url = new URL(`${this.#host}/scim/1/0/v2/Users`);
        url.searchParams.set("startIndex", String(offset + 1));
        url.searchParams.set("count", String(limit));
        const res = await this.#c.transport.request({
          method: "GET",
          url,
          service: SERVICE,
          headers: { accept: "application/scim+json, application/json" },
          auth: this.#auth("User Admin"),
          acceptStatus: (s) => s < 300 || s === 403,
          ...(signal && { signal }),
        });
        if (res.status === 403) throw this.#roleError("User Admin", res.status, "GET", res.url, res.body);
        const body = json(res.body, "SCIM users") as Record<string, unknown>;
        const resources = body.Resources ?? [];
        if (!Array.isArray(resources)) throw new PayloadError(`${SERVICE}: SCIM "Resources" is not a list.`);
        return {
          items: (resources as Record<string, unknown>[]).map(scimUser),
          total: Number(body.totalResults),
          start: body.startIndex === undefined ? undefined : Number(body.startIndex) - 1,
        };
      },
    });
    const distinct = new Set(users.map((u) => u.id));
    if (distinct.size !== users.length) {
      throw new PayloadError(
        `${SERVICE}: SCIM returned ${users.length - distinct.size} users twice while paging; read again later.`,
      );
    }
    return users;
  }

  async #list(
    key: string,
    path: string,
    signal: AbortSignal | undefined,
    role?: string,
  ): Promise<Record<string, unknown>[]> {
    return pageThrough({
      what: `Anaplan ${key}`,
      pageSize: INTEGRATION_PAGE_SIZE,
      maxRows: this.#maxRows,
      fetch: async (offset, limit) => {
        const url = new URL(`${this.#c.apiUrl}${path}`);
        url.searchParams.set("limit", String(limit));
        url.searchParams.set("offset", String(offset));
        const res = await this.#get(url, signal, role);
        const body = json(res.body, key) as Record<string, unknown>;
        const items = body[key] ?? [];
        if (!Array.isArray(items)) throw new PayloadError(`${SERVICE}: "${key}" is not a list.`);
        const paging = (body.meta as { paging?: Record<string, unknown> } | undefined)?.paging;
        return {
          items: items as Record<string, unknown>[],
          total: paging?.totalSize === undefined ? undefined : Number(paging.totalSize),
          start: paging?.offset === undefined ? undefined : Number(paging.offset),
        };
      },
    });
  }

  /**
   * A GET where a role-gated 500 is retried once only (the admins lists answer 500 to a caller
   * without the role), then reported as the missing role; a 403 at once.
   */
  async #get(url: URL, signal: AbortSignal | undefined, role: string | undefined) {
    for (let attempt = 0; ; attempt++) {
      const res = await this.#c.transport.request({
        method: "GET",
        url,
        service: SERVICE,
        headers: { accept: "application/json" },
        auth: this.#auth(role ?? "Workspace Admin"),
        ...(role !== undefined && {
          retry: false,
          acceptStatus: (s: number) => s < 300 || s === 403 || s === 500,
        }),
        ...(signal && { signal }),
      });
      if (res.status < 300) return res;
      if (res.status === 500 && attempt === 0) continue;
      throw this.#roleError(role!, res.status, "GET", res.url, res.body);
    }
  }

  /** The token hook, with `ACCESS_CONTROL_DENIED` (a role refusal on a 401) reported as the role. */
  #auth(role: string): AuthHook {
    const hook = this.#c.tokens.hook();
    return {
      headers: () => hook.headers(),
      onUnauthorized: async (error: HttpError) => {
        if (error.apiStatus === "ACCESS_CONTROL_DENIED") {
          throw new EntitlementRoleError(role, error.details(), { cause: error });
        }
        return hook.onUnauthorized ? hook.onUnauthorized(error) : false;
      },
    };
  }

  #roleError(role: string, status: number, method: string, url: string, body: Buffer): EntitlementRoleError {
    return new EntitlementRoleError(role, {
      status,
      method,
      url,
      service: SERVICE,
      bodyExcerpt: this.#c.transport.redactor.scrub(body.toString("utf8").slice(0, 300)),
    });
  }
}

function usersFrame(users: ScimUser[]): pl.DataFrame {
  return rowsFrame(
    ANAPLAN_ENTITLEMENT_SCHEMAS.users,
    users.map(({ workspaces: _, ...u }) => u),
  );
}

function accessFrame(users: ScimUser[]): pl.DataFrame {
  return rowsFrame(
    ANAPLAN_ENTITLEMENT_SCHEMAS.workspaceAccess,
    users.flatMap((u) =>
      u.workspaces.map((w) => ({ userId: u.id, email: u.email, workspaceId: w.id, workspaceName: w.name })),
    ),
  );
}

function scimUser(r: Record<string, unknown>): ScimUser {
  const name = (r.name ?? {}) as Record<string, unknown>;
  const id = text(r.id);
  const email = text(r.userName)?.trim().toLowerCase();
  if (!id || !email) throw new PayloadError(`${SERVICE}: a SCIM user has no id or userName.`);
  const entitlements = Array.isArray(r.entitlements) ? (r.entitlements as Record<string, unknown>[]) : [];
  const workspaces = new Map<string, string | null>();
  // Only the WORKSPACE items: WORKSPACE_IDS and WORKSPACE_NAMES repeat the same set.
  for (const e of entitlements)
    if (e.type === "WORKSPACE" && text(e.value)) workspaces.set(text(e.value)!, text(e.display));
  return {
    id: id.toLowerCase(),
    email,
    givenName: text(name.givenName),
    familyName: text(name.familyName),
    active: bool(r.active) ?? false,
    workspaces: [...workspaces].map(([wid, wname]) => ({ id: wid, name: wname })),
  };
}

function text(v: unknown): string | null {
  return v === undefined || v === null ? null : String(v);
}

/** A boolean that some Anaplan examples send as text ("True", "false"). */
function bool(v: unknown): boolean | null {
  if (typeof v === "boolean") return v;
  if (typeof v === "string" && /^(true|false)$/i.test(v)) return v.toLowerCase() === "true";
  return null;
}

function json(body: Buffer, what: string): unknown {
  try {
    return JSON.parse(body.toString("utf8"));
  } catch (error) {
    throw new PayloadError(
      `${SERVICE}: the ${what} answer is not JSON.`,
      body.toString("utf8").slice(0, 200),
      {
        cause: error,
      },
    );
  }
}
