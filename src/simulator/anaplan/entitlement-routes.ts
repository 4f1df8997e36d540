import type { IncomingMessage, ServerResponse } from "node:http";
import { readBody, sendBytes, sendJson } from "../respond.js";
import type { SimulatedApi } from "../service.js";
import { type AnaplanContext, readAuthorization } from "./anaplan-context.js";
import type { AnaplanTenant, TenantUser } from "./anaplan-tenant.js";
import type { EntitlementState, SimWorkspace } from "./entitlement-state.js";
import { plantedDeactivatedUser } from "./users-routes.js";

/** The caller's roles for the entitlement APIs, and hostile paging switches (tests set them). */
export interface EntitlementSimControls {
  /** The signed-in principal holds User Admin (SCIM). @default true */
  userAdmin: boolean;
  /** The signed-in principal holds Tenant Admin (admins, visitors, users export). @default true */
  tenantAdmin: boolean;
  /** SCIM ignores `startIndex` and always answers the first page. @default false */
  scimIgnoreStartIndex: boolean;
  /** SCIM claims this `totalResults` instead of the truth. @default undefined */
  scimTotalResults: number | undefined;
  /** The Integration API lists ignore `offset`. @default false */
  listsIgnoreOffset: boolean;
  /** The Integration API lists return at most this many rows per page, whatever `limit` asks. @default undefined */
  listsPageCap: number | undefined;
}

/** Most SCIM users per page; the default is 50. */
export const SCIM_COUNT_CAP = 100;
/** Most rows per Integration API page (and the default). */
export const LIST_PAGE_CAP = 5000;
const OK = { code: 200, message: "Success" };
const SCIM_ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
const SCIM_TYPE = "application/scim+json";

/**
 * The simulated entitlement APIs on the Integration host, beside `/2/0/users`: SCIM
 * (`/scim/1/0/v2/Users`, 1-based `startIndex`, `count` default 50 and at most 100, a filter subset,
 * 403 without User Admin, discovery without auth, DELETE 501), `/2/0/workspaces`,
 * `/2/0/workspaces/{id}/admins|visitors` (500 without Tenant Admin, as seen live with a
 * basic-auth token), `/2/0/models` (`limit`/`offset`, cap 5000), `/admin/1/0/users/export`
 * (CSV, `Limit`/`Offset`, 401 `ACCESS_CONTROL_DENIED` without Tenant Admin, 401 with an empty
 * body for `Bearer`), and `POST /admin/1/0/permissions/exception-users/search` (exactly one of
 * `workspaceGuid`/`userGuid`; `Bearer` gets 400 `FAILURE_BAD_HEADER`).
 *
 * @param ctx - shared Anaplan state (tokens, clock, urls)
 * @param state - the served entitlement state
 * @param controls - caller roles and hostile paging switches
 * @returns a handler for paths under the Integration host, or undefined for other paths
 * @example
 * ```ts
 * const routes = createEntitlementRoutes(ctx, state, controls);
 * ```
 */
export function createEntitlementRoutes(
  ctx: AnaplanContext,
  state: EntitlementState,
  controls: EntitlementSimControls,
): SimulatedApi & { owns(path: string): boolean } {
  return {
    owns: (path) =>
      path.startsWith("/scim/") ||
      path.startsWith("/admin/") ||
      path.startsWith("/2/0/workspaces") ||
      path.startsWith("/2/0/models"),
    async handle(req, res, path, url) {
      if (path.startsWith("/scim/1/0/v2/")) return scim(ctx, state, controls, req, res, path, url);
      if (path === "/admin/1/0/users/export") return usersExport(ctx, state, controls, req, res, url);
      if (path === "/admin/1/0/permissions/exception-users/search")
        return exceptionSearch(ctx, state, req, res);
      return integration(ctx, state, controls, req, res, path, url);
    },
  };
}

function token(ctx: AnaplanContext, req: IncomingMessage): "none" | "bad" | "bearer" | "ok" {
  const auth = readAuthorization(req);
  if (auth?.scheme !== "AnaplanAuthToken" && auth?.scheme !== "Bearer") return "none";
  if (typeof ctx.tokens.check(auth.value) === "string") return "bad";
  return auth.scheme === "Bearer" ? "bearer" : "ok";
}

function scimError(res: ServerResponse, status: number, detail: string, scimType?: string): void {
  const body = { schemas: [SCIM_ERROR], status: String(status), detail, ...(scimType && { scimType }) };
  sendJson(res, status, body, { "content-type": SCIM_TYPE });
}

async function scim(
  ctx: AnaplanContext,
  state: EntitlementState,
  controls: EntitlementSimControls,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  url: URL,
): Promise<void> {
  const rest = path.slice("/scim/1/0/v2".length);
  if (rest === "/ServiceProviderConfig" && req.method === "GET") {
    return sendJson(
      res,
      200,
      {
        schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
        patch: { supported: false },
        bulk: { supported: false, maxOperations: 1000, maxPayloadSize: 1048576 },
        filter: { supported: false, maxResults: 200 },
        changePassword: { supported: false },
        sort: { supported: false },
        etag: { supported: false },
      },
      { "content-type": SCIM_TYPE },
    );
  }
  const auth = token(ctx, req);
  if (auth === "none" || auth === "bad") return scimError(res, 401, "Unauthorized");
  const match = /^\/Users(?:\/([^/]+))?$/.exec(rest);
  if (!match) return scimError(res, 404, `No resource ${rest}`);
  if (req.method === "DELETE") return scimError(res, 501, "Delete is not supported");
  if (req.method !== "GET") return scimError(res, 405, "Method not allowed");
  if (!controls.userAdmin) return scimError(res, 403, "The user does not have the USER_ADMIN role");
  const facts = state.servedAt(ctx.now()).facts;
  const users = scimAccounts(ctx.tenant);
  if (match[1] !== undefined) {
    const found = users.find((u) => u.id.toLowerCase() === match[1]!.toLowerCase());
    if (!found) return scimError(res, 404, `Resource ${match[1]} not found`);
    return sendJson(res, 200, scimUser(ctx, state, facts, found), { "content-type": SCIM_TYPE });
  }
  const q = url.searchParams;
  const count = q.get("count") === null ? 50 : Number(q.get("count"));
  const startIndex = q.get("startIndex") === null ? 1 : Number(q.get("startIndex"));
  if (!Number.isInteger(count) || !Number.isInteger(startIndex) || count > SCIM_COUNT_CAP) {
    return scimError(res, 400, `count must be a whole number up to ${SCIM_COUNT_CAP}`, "invalidValue");
  }
  const filter = q.get("filter");
  let listed = users;
  if (filter !== null) {
    const m = /^\s*(id|userName|active)\s+eq\s+(?:"([^"]*)"|(true|false))\s*$/i.exec(filter);
    if (!m) {
      return scimError(
        res,
        400,
        "The specified filter syntax was invalid, or the specified attribute and filter comparison combination is not supported",
        "invalidValue",
      );
    }
    const attr = m[1]!.toLowerCase();
    const value = m[2] ?? m[3]!;
    listed = users.filter((u) =>
      attr === "id"
        ? u.id.toLowerCase() === value.toLowerCase()
        : attr === "username"
          ? u.email === value
          : String(u.active) === value.toLowerCase(),
    );
  }
  const start = controls.scimIgnoreStartIndex ? 1 : Math.max(1, startIndex);
  const page = listed.slice(start - 1, start - 1 + Math.max(0, count));
  sendJson(
    res,
    200,
    {
      schemas: ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
      totalResults: controls.scimTotalResults ?? listed.length,
      startIndex: start,
      itemsPerPage: page.length,
      Resources: page.map((u) => scimUser(ctx, state, facts, u)),
    },
    { "content-type": SCIM_TYPE },
  );
}

const scimAccountsOf = new WeakMap<AnaplanTenant, TenantUser[]>();

/**
 * The accounts SCIM lists: the same, with the same active flag, as the users API (one planted
 * account is listed there as deactivated although it signs in). Computed once per tenant.
 */
function scimAccounts(tenant: AnaplanTenant): TenantUser[] {
  let users = scimAccountsOf.get(tenant);
  if (!users) {
    const planted = plantedDeactivatedUser(tenant);
    users = tenant.listed.map((u) => (u === planted ? { ...u, active: false } : u));
    scimAccountsOf.set(tenant, users);
  }
  return users;
}

function scimUser(
  ctx: AnaplanContext,
  state: EntitlementState,
  facts: ReadonlySet<string>,
  u: { id: string; email: string; firstName: string; lastName: string; active: boolean },
): Record<string, unknown> {
  const spaces = state.workspaces.filter((w) => facts.has(`access|${w.id}|${u.id}`));
  const entitlements: Record<string, unknown>[] = spaces.map((w, i) => ({
    value: w.id,
    display: w.name,
    type: "WORKSPACE",
    ...(i === 0 && { primary: true }),
  }));
  if (spaces.length > 0) {
    entitlements.push({ value: spaces.map((w) => w.id).join(","), type: "WORKSPACE_IDS" });
    entitlements.push({ value: spaces.map((w) => `"${w.name}"`).join(","), type: "WORKSPACE_NAMES" });
  }
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
    id: u.id,
    externalId: "",
    userName: u.email,
    name: { familyName: u.lastName, givenName: u.firstName, formatted: `${u.firstName} ${u.lastName}` },
    displayName: `${u.firstName} ${u.lastName}`,
    // Some official examples send the flag as text: so does the simulator, for disabled users.
    active: u.active ? true : "False",
    emails: [{ value: u.email, type: "work", primary: true }],
    entitlements,
    meta: {
      resourceType: "User",
      created: "2024-04-24T23:43:48.000+00:00",
      lastModified: "2026-01-15T22:04:19.793Z",
      location: `${ctx.urls().apiUrl.replace(/\/2\/0$/, "")}/scim/1/0/v2/Users/${u.id}`,
    },
  };
}

async function integration(
  ctx: AnaplanContext,
  state: EntitlementState,
  controls: EntitlementSimControls,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  url: URL,
): Promise<void> {
  const fail = (status: number, message: string) =>
    sendJson(res, status, { status: { code: status, message } });
  const auth = token(ctx, req);
  if (auth === "none" || auth === "bad") return fail(401, "The token is not valid");
  if (req.method !== "GET") return fail(405, "Method not allowed");
  const q = url.searchParams;
  const limit = q.get("limit") === null ? LIST_PAGE_CAP : Number(q.get("limit"));
  const offset = q.get("offset") === null ? 0 : Number(q.get("offset"));
  if (!Number.isSafeInteger(limit) || !Number.isSafeInteger(offset) || limit < 0 || offset < 0) {
    return fail(400, "limit and offset must be non-negative integers");
  }
  const list = (key: string, schema: string, rows: unknown[]) => {
    const from = controls.listsIgnoreOffset ? 0 : offset;
    const page = rows.slice(
      from,
      from + Math.min(limit, LIST_PAGE_CAP, controls.listsPageCap ?? LIST_PAGE_CAP),
    );
    sendJson(res, 200, {
      meta: {
        schema: `${ctx.urls().apiUrl}/objects/${schema}`,
        paging: { currentPageSize: page.length, totalSize: rows.length, offset: from },
      },
      status: OK,
      [key]: page,
    });
  };
  if (path === "/2/0/workspaces") {
    const details = q.get("tenantDetails") === "true";
    return list(
      "workspaces",
      "workspace",
      state.workspaces.map((w) => ({
        id: w.id,
        name: w.name,
        active: w.active,
        ...(details && { sizeAllowance: w.sizeAllowance }),
      })),
    );
  }
  if (path === "/2/0/models") return list("models", "model", state.models);
  const m = /^\/2\/0\/workspaces\/([^/]+)\/(admins|visitors)$/.exec(path);
  if (!m) return fail(404, "Resource not found");
  const ws = state.workspaces.find((w) => w.id === m[1]);
  if (!ws) return fail(404, "Resource not found");
  if (!controls.tenantAdmin) {
    return sendJson(res, 500, { status: { code: 500, message: "INTERNAL_SERVER_ERROR" } });
  }
  const kind = m[2] === "admins" ? "admin" : "visitor";
  const served = state.servedAt(ctx.now());
  const facts = served.facts;
  const emails = served.byWorkspace.get(`${kind}|${ws.id}`) ?? [];
  const others = (email: string) =>
    state.workspaces.filter((w) => w !== ws && facts.has(`${kind}|${w.id}|${email}`)).map((w) => w.name);
  const people = emails.map((email) => {
    const account = ctx.tenant.accounts.find((a) => a.email === email);
    const person = account ?? state.visitors.get(email);
    // Anaplan shows the e-mail as typed at invitation: the simulator upper-cases the first letter.
    return {
      firstName: person?.firstName ?? "",
      lastName: person?.lastName ?? "",
      email: email.replace(/^./, (c) => c.toUpperCase()),
      active: person?.active ?? true,
      otherWorkspaces: others(email),
    };
  });
  list(m[2]!, kind, people);
}

async function usersExport(
  ctx: AnaplanContext,
  state: EntitlementState,
  controls: EntitlementSimControls,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const auth = token(ctx, req);
  if (auth === "bearer") return sendBytes(res, 401, new Uint8Array(), "text/plain");
  if (auth !== "ok") return sendJson(res, 401, { status: "UNAUTHORIZED", message: "Invalid token" });
  if (!controls.tenantAdmin) {
    return sendJson(res, 401, { status: "ACCESS_CONTROL_DENIED", message: "Access denied" });
  }
  const limit = url.searchParams.get("Limit");
  const offset = url.searchParams.get("Offset");
  const l = limit === null ? 10 : Number(limit);
  const o = offset === null ? 0 : Number(offset);
  if (!Number.isSafeInteger(l) || !Number.isSafeInteger(o) || l < 1 || o < 0) {
    return sendJson(res, 400, { status: "INVALID", message: "Limit and Offset must be whole numbers" });
  }
  const { licences: licencesOf } = state.servedAt(ctx.now());
  const cell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = ["username,first_name,last_name,licenses"];
  for (const u of ctx.tenant.listed.slice(o, o + l)) {
    const licences = licencesOf.get(u.id) ?? [];
    lines.push([u.email, u.firstName, u.lastName, licences.join(",")].map(cell).join(","));
  }
  sendBytes(res, 200, Buffer.from(`${lines.join("\n")}\n`), "text/csv");
}

async function exceptionSearch(
  ctx: AnaplanContext,
  state: EntitlementState,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const fail = (status: number, code: string, message: string) =>
    sendJson(res, status, { status: code, statusMessage: message });
  const auth = token(ctx, req);
  if (auth === "bearer" || auth === "none") {
    return fail(
      400,
      "FAILURE_BAD_HEADER",
      "Request header invalid, token or apikey or Oauth service-to-service token is required",
    );
  }
  if (auth === "bad") return fail(401, "FAILURE_UNAUTHORIZED", "Invalid token");
  if (req.method !== "POST") return fail(405, "FAILURE_METHOD", "Method not allowed");
  let body: Record<string, unknown>;
  try {
    body = JSON.parse((await readBody(req)).toString("utf8")) as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    return fail(400, "FAILURE_BAD_REQUEST", "The body is not JSON");
  }
  const ws = typeof body.workspaceGuid === "string" ? body.workspaceGuid : undefined;
  const user = typeof body.userGuid === "string" ? body.userGuid : undefined;
  if ((ws === undefined) === (user === undefined)) {
    return fail(400, "FAILURE_BAD_REQUEST", "Exactly one of workspaceGuid or userGuid is required");
  }
  const served = state.servedAt(ctx.now());
  const facts = served.facts;
  const entry = (w: SimWorkspace, userIds: readonly string[]) => ({
    workspaceGuid: w.id,
    workspaceName: w.name,
    users: userIds.map((id) => ({ userGuid: id, email: state.user(id)?.email ?? "" })),
  });
  const holders = (w: SimWorkspace) => served.byWorkspace.get(`exception|${w.id}`) ?? [];
  if (ws !== undefined) {
    const w = state.workspaces.find((x) => x.id === ws);
    if (!w) return fail(404, "FAILURE_NOT_FOUND", `Workspace ${ws} not found`);
    const ids = holders(w);
    return sendJson(res, 200, { response: ids.length > 0 ? [entry(w, ids)] : [] });
  }
  if (!state.user(user!)) return fail(404, "FAILURE_NOT_FOUND", `User ${user} not found`);
  const response = state.workspaces
    .filter((w) => facts.has(`exception|${w.id}|${user}`))
    .map((w) => entry(w, [user!]));
  sendJson(res, 200, { response });
}
