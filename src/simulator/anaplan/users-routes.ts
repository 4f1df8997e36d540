import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "../respond.js";
import type { SimulatedApi } from "../service.js";
import { type AnaplanContext, readAuthorization } from "./anaplan-context.js";
import { afterDataRequest, hostilePaging, hostileSlice } from "./anaplan-faults.js";
import type { AnaplanTenant, TenantUser } from "./anaplan-tenant.js";
import type { EventStore } from "./event-store.js";
import { SignInHistory } from "./sign-in-history.js";

/**
 * A user as the Integration API v2 lists it.
 *
 * @example
 * ```ts
 * const user: AnaplanApiUser = { id: "8a81b09e", active: true, email: "ana@example.com", emailOptIn: false, firstName: "Ana", lastName: "Lima", customerId: "8a80da71" };
 * ```
 */
export interface AnaplanApiUser {
  id: string;
  active: boolean;
  email: string;
  emailOptIn: boolean;
  firstName: string;
  lastName: string;
  customerId: string;
  /** `yyyy-MM-dd'T'HH:mm:ss.SSS+0000`; absent for users who never logged in. */
  lastLoginDate?: string;
}

/** Most users per page, and the default page size. */
export const USERS_PAGE_CAP = 5000;
const SORT_FIELDS = new Set(["firstName", "lastName", "email", "active", "lastLoginDate"]);
const OK = { code: 200, message: "Success" };

/**
 * The one account the simulator plants as "deactivated but signing in": an ordinary active
 * account (not the auditor, not an admin; the one that acts most) whose events keep it signing
 * in, while the users API lists it as `active: false`, as when a leaver is deactivated after
 * signing in during the review window. Ground truth for the access review's
 * "signed in although deactivated" flag; documented in the README's simulator section.
 *
 * @param tenant - the tenant
 * @returns the planted account (undefined only for a tenant without ordinary active accounts)
 * @example
 * ```ts
 * plantedDeactivatedUser(tenant)?.email //=> "…@example.com"
 * ```
 */
export function plantedDeactivatedUser(tenant: AnaplanTenant): TenantUser | undefined {
  let best: TenantUser | undefined;
  let bestWeight = -1;
  tenant.accounts.forEach((a, i) => {
    if (!a.active || a.deleted || a === tenant.auditor || tenant.admins.includes(a)) return;
    const weight = tenant.actorWeights[i]! - (i > 0 ? tenant.actorWeights[i - 1]! : 0);
    if (weight > bestWeight) {
      best = a;
      bestWeight = weight;
    }
  });
  return best;
}

const histories = new WeakMap<EventStore, SignInHistory>();

/** The sign-in history of a store's events (one per store, reused across requests). */
function historyOf(store: EventStore): SignInHistory {
  let history = histories.get(store);
  if (!history) {
    history = new SignInHistory(store.source);
    histories.set(store, history);
  }
  return history;
}

/**
 * The user as `/2/0/users` shows it.
 *
 * @param user - tenant account
 * @param customerId - tenant id
 * @param lastSignIn - epoch ms of the user's last successful sign-in event, or undefined (never)
 * @param active - the status the API reports @default user.active
 * @returns the API's user object
 */
export function apiUser(
  user: TenantUser,
  customerId: string,
  lastSignIn: number | undefined,
  active: boolean = user.active,
): AnaplanApiUser {
  const out: AnaplanApiUser = {
    id: user.id,
    active,
    email: user.email,
    emailOptIn: user.emailOptIn,
    firstName: user.firstName,
    lastName: user.lastName,
    customerId,
  };
  if (lastSignIn !== undefined) out.lastLoginDate = new Date(lastSignIn).toISOString().replace("Z", "+0000");
  return out;
}

/**
 * Users as the users API shows them at `now`: `lastLoginDate` is the time of the user's last
 * successful sign-in event (USR-8) the simulator generates up to `now` (within 90 days; absent
 * when none), so the users API agrees with its own audit events whatever the clock; the
 * {@link plantedDeactivatedUser} is listed as inactive.
 *
 * @param ctx - tenant and event store
 * @param now - the simulated clock
 * @param accounts - which accounts @default every listed account
 * @returns the users, in listing order
 * @example
 * ```ts
 * apiUsers(ctx, ctx.now()).filter((u) => u.lastLoginDate === undefined).length //=> accounts that never signed in
 * ```
 */
export function apiUsers(
  ctx: Pick<AnaplanContext, "tenant" | "store">,
  now: number,
  accounts: readonly TenantUser[] = ctx.tenant.listed,
): AnaplanApiUser[] {
  const last = historyOf(ctx.store).lastSignIns(now);
  const planted = plantedDeactivatedUser(ctx.tenant);
  return accounts.map((u) => apiUser(u, ctx.tenant.tenantId, last.get(u.id), u.active && u !== planted));
}

/**
 * The simulated Integration API v2 users endpoints (`{base}/anaplan/api`, so apiUrl is
 * `{base}/anaplan/api/2/0`): `GET /users?limit&offset&sort&s` (default and cap 5000 per page;
 * `{meta:{schema, paging:{currentPageSize,totalSize,offset,next?,previous?}}, status, users}`),
 * `GET /users/me` and `GET /users/{id}` (`{meta, status, user}`). Accepts `AnaplanAuthToken` and
 * `Bearer`.
 *
 * @param ctx - shared Anaplan state
 * @returns the route handler the server mounts at `/anaplan/api`
 */
export function createUsersRoutes(ctx: AnaplanContext): SimulatedApi {
  return {
    async handle(req, res, path, url) {
      const match = /^\/2\/0\/users(?:\/([^/]+))?$/.exec(path);
      if (req.method !== "GET" || !match) {
        return sendJson(res, 404, { status: { code: 404, message: `No endpoint ${req.method} ${path}` } });
      }
      const user = authorised(ctx, req, res);
      if (!user) return;
      const now = ctx.now();
      const schema = `${ctx.urls().apiUrl}/objects/user`;
      const id = match[1];
      if (id !== undefined) {
        const found = id === "me" ? user : ctx.tenant.listed.find((u) => u.id === id);
        if (!found) return sendJson(res, 404, { status: { code: 404, message: `User ${id} not found` } });
        return sendJson(res, 200, {
          meta: { schema },
          status: OK,
          user: apiUsers(ctx, now, [found])[0],
        });
      }
      listUsers(ctx, res, url, now, schema);
    },
  };
}

function authorised(ctx: AnaplanContext, req: IncomingMessage, res: ServerResponse): TenantUser | undefined {
  const auth = readAuthorization(req);
  if (auth?.scheme !== "AnaplanAuthToken" && auth?.scheme !== "Bearer") {
    sendJson(res, 401, { status: { code: 401, message: "No valid token header found for the request" } });
    return undefined;
  }
  const token = ctx.tokens.check(auth.value);
  if (typeof token === "string") {
    const message = token === "expired" ? "The token has expired" : "The token is not valid";
    sendJson(res, 401, { status: { code: 401, message } });
    return undefined;
  }
  return token.user;
}

function listUsers(ctx: AnaplanContext, res: ServerResponse, url: URL, now: number, schema: string): void {
  const q = url.searchParams;
  const limitText = q.get("limit");
  const offsetText = q.get("offset");
  const limit = limitText === null ? USERS_PAGE_CAP : Number(limitText);
  const offset = offsetText === null ? 0 : Number(offsetText);
  if (!Number.isSafeInteger(limit) || !Number.isSafeInteger(offset) || limit < 0 || offset < 0) {
    sendJson(res, 400, { status: { code: 400, message: "limit and offset must be non-negative integers" } });
    return;
  }
  let users = apiUsers(ctx, now);
  const pattern = q.get("s");
  if (pattern) {
    const escaped = pattern
      .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
      .replace(/%/g, ".*")
      .replace(/_/g, ".");
    const re = new RegExp(escaped, "i");
    users = users.filter((u) => re.test(u.email) || re.test(u.firstName) || re.test(u.lastName));
  }
  const sort = q.get("sort");
  if (sort !== null) {
    // A literal "+" in a query string decodes as a space.
    const sign = sort[0] === "-" ? -1 : sort[0] === "+" || sort[0] === " " ? 1 : 0;
    const field = sort.slice(1) as keyof AnaplanApiUser;
    if (sign === 0 || !SORT_FIELDS.has(field)) {
      sendJson(res, 400, {
        status: { code: 400, message: `Invalid sort ${JSON.stringify(sort)}: use +field or -field` },
      });
      return;
    }
    users.sort((a, b) => sign * compare(a[field], b[field]));
  }
  const pageSize = Math.min(limit, USERS_PAGE_CAP, ctx.faults.usersPageSizeCap ?? USERS_PAGE_CAP);
  const served = hostileSlice(ctx.faults, offset, pageSize);
  const page = users.slice(served.offset, served.offset + served.limit);
  const link = (o: number) => {
    const params = new URLSearchParams();
    if (pattern) params.set("s", pattern);
    if (sort !== null) params.set("sort", sort.replace(/^ /, "+"));
    params.set("limit", String(limitText === null ? USERS_PAGE_CAP : limit));
    params.set("offset", String(o));
    return `${ctx.urls().apiUrl}/users?${params}`;
  };
  const paging: Record<string, number | string> = {
    currentPageSize: page.length,
    totalSize: users.length,
    offset,
  };
  if (page.length > 0 && offset + page.length < users.length) paging.next = link(offset + page.length);
  if (offset > 0) paging.previous = link(Math.max(0, offset - pageSize));
  const sent = hostilePaging(ctx.faults, paging);
  sendJson(res, 200, { meta: sent ? { schema, paging: sent } : { schema }, status: OK, users: page });
  ctx.counters.usersPages++;
  afterDataRequest(ctx.faults, ctx.counters.auditPages + ctx.counters.usersPages, () =>
    ctx.tokens.expireAll(),
  );
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return String(a) < String(b) ? -1 : 1;
}
