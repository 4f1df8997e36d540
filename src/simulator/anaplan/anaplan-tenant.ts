import { generatePeople } from "../people.js";
import { randomHex, seededRandom } from "../random.js";

/** A user account of the synthetic Anaplan tenant (listed by `/2/0/users` unless deleted). */
export interface TenantUser {
  /** 32-char lowercase hex user id, as `userId` in audit events. */
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  active: boolean;
  emailOptIn: boolean;
  /** Milliseconds before "now" (hour-rounded) of the last login; undefined: never logged in. */
  lastLoginAgoMs: number | undefined;
  /** Removed from the tenant: appears in events, not in `/users`. */
  deleted: boolean;
  /** Typical source address of this user's sessions. */
  homeIp: string;
  /** Typical browser or tool of this user. */
  userAgent: string;
}

/** A model, integration or connection that events point at. */
export interface TenantObject {
  id: string;
  name: string;
}

/** The synthetic Anaplan tenant: accounts, system ids, models, roles, integrations. */
export interface AnaplanTenant {
  /** 32-hex tenant id (`tenantId` in events, `customerId` of users). */
  tenantId: string;
  /** Every account that can act in events: listed users, deleted users and the auditor. */
  accounts: TenantUser[];
  /** The accounts `/2/0/users` lists (not deleted), in listing order. */
  listed: TenantUser[];
  /** Ids of accounts removed from the tenant (in events, not in `/users`). */
  deletedUserIds: string[];
  /** Accounts removed from the tenant. */
  deleted: TenantUser[];
  /** Disabled (inactive) accounts still in the tenant. */
  disabled: TenantUser[];
  /** The Tenant Auditor account the simulator credentials and certificates log in as. */
  auditor: TenantUser;
  /** Active accounts that make user and role changes. */
  admins: TenantUser[];
  /** System actor ids (`INTERNAL_<n>`). */
  internalIds: string[];
  /** Cumulative actor weights over `accounts`, for a binary-search pick. */
  actorWeights: Float64Array;
  models: TenantObject[];
  roles: TenantObject[];
  integrations: TenantObject[];
  connections: TenantObject[];
  /** Another tenant, for visitor events (`objectTenantId` ≠ `tenantId`). */
  visitorTenantId: string;
  /** Every text that can appear in an event is printable ASCII (lets pages skip UTF-8 sizing). */
  asciiOnly: boolean;
}

/** E-mail of the simulator's own Tenant Auditor account (basic and certificate logins). */
export const AUDITOR_EMAIL = "auditor@example.com";

const USER_AGENTS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
  "AnaplanConnect/4.3.1 (Java 17.0.12)",
  "python-httpx/0.27.2",
];
const MODEL_NAMES = [
  "FP&A Plan",
  "Workforce Planning",
  "Sales Territory & Quota",
  "Capex",
  "Opex Forecast",
  "Revenue Forecast",
  "Supply Chain S&OP",
  "Consolidation Data Hub",
  "Incentive Compensation",
  "Data Hub",
];
const ROLE_NAMES = [
  "Tenant Auditor",
  "Tenant Admin",
  "Tenant Security Admin",
  "User Admin",
  "Workspace Administrator",
  "Integration Admin",
  "Page Builder",
  "Full Access",
  "Planner",
  "Reviewer",
  "Read Only",
];
const INTEGRATION_NAMES = [
  "Nightly GL actuals",
  "HRIS headcount load",
  "CRM pipeline sync",
  "Snowflake export",
  "SAP cost centres",
  "Workday worker feed",
];
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/**
 * Builds the synthetic Anaplan tenant for a seed: Anaplan users are the people of the shared
 * organisation ({@link generatePeople}) with an Anaplan account; about 1.5 % of them (at least 3)
 * were deleted from the tenant (they still appear in events); plus the Tenant Auditor account.
 *
 * @param seed - tenant seed
 * @param people - size of the synthetic organisation
 * @returns the tenant, the same for the same arguments
 * @example
 * ```ts
 * const tenant = createAnaplanTenant(1, 300);
 * tenant.listed.length //=> about 275
 * ```
 */
export function createAnaplanTenant(seed: number, people: number): AnaplanTenant {
  const r = seededRandom(seed, 0xa4a7e4);
  const tenantId = randomHex(r, 32);
  const accounts: TenantUser[] = [];
  for (const person of generatePeople(seed, people)) {
    if (!person.inAnaplan) continue;
    const u = seededRandom(seed, 0xa5e2, person.index);
    const neverLoggedIn = u() < 0.08;
    accounts.push({
      id: person.anaplanId,
      email: person.email,
      firstName: person.firstName,
      lastName: person.lastName,
      active: person.anaplanActive,
      emailOptIn: u() < 0.3,
      lastLoginAgoMs: neverLoggedIn ? undefined : Math.floor(u() ** 2 * 60 * 86_400_000),
      deleted: u() < 0.015,
      homeIp: homeIp(u),
      userAgent: USER_AGENTS[Math.floor(u() ** 1.5 * USER_AGENTS.length)]!,
    });
  }
  // At least three deleted accounts, so every tenant has unmatched user ids.
  for (let i = accounts.length - 1; i >= 0 && accounts.filter((a) => a.deleted).length < 3; i -= 7) {
    accounts[i]!.deleted = true;
  }
  const auditor: TenantUser = {
    id: randomHex(r, 32),
    email: AUDITOR_EMAIL,
    firstName: "Audit",
    lastName: "Service",
    active: true,
    emailOptIn: false,
    lastLoginAgoMs: 3_600_000,
    deleted: false,
    homeIp: "192.0.2.10",
    userAgent: "epm-audit-kit",
  };
  accounts.push(auditor);

  const actorWeights = new Float64Array(accounts.length);
  let total = 0;
  accounts.forEach((a, i) => {
    const w = seededRandom(seed, 0xac70, i)();
    total += a === auditor ? 0.05 : a.active ? 0.2 + 3 * w * w : 0.03;
    actorWeights[i] = total;
  });

  const objects = (tag: number, names: string[], count: number, id: (o: () => number) => string) =>
    Array.from({ length: count }, (_, i) => {
      const o = seededRandom(seed, tag, i);
      const name = names[i % names.length]!;
      return { id: id(o), name: i < names.length ? name : `${name} ${Math.floor(i / names.length) + 1}` };
    });
  const models = objects(0x30de1, MODEL_NAMES, 10 + Math.floor(people / 100), (o) => randomHex(o, 32));
  const roles = objects(0x201e, ROLE_NAMES, ROLE_NAMES.length, (o) => randomHex(o, 32));
  const integrations = objects(0x1a7e, INTEGRATION_NAMES, INTEGRATION_NAMES.length, (o) => randomHex(o, 32));
  const connections = objects(0xc0aa, ["Okta SAML", "Azure AD SAML", "Ping SSO"], 3, (o) => {
    let s = "con_";
    for (let i = 0; i < 22; i++) s += BASE62[Math.floor(o() * 62)];
    return s;
  });
  const texts = [
    ...accounts.flatMap((a) => [a.email, a.userAgent]),
    ...[...models, ...roles, ...integrations, ...connections].map((o) => o.name),
  ];
  return {
    tenantId,
    accounts,
    listed: accounts.filter((a) => !a.deleted),
    deletedUserIds: accounts.filter((a) => a.deleted).map((a) => a.id),
    deleted: accounts.filter((a) => a.deleted),
    disabled: accounts.filter((a) => !a.active && !a.deleted),
    auditor,
    admins: accounts.filter((a) => a.active && !a.deleted && a !== auditor).slice(0, 6),
    internalIds: ["INTERNAL_1", "INTERNAL_4", "INTERNAL_7", "INTERNAL_12"],
    actorWeights,
    models,
    roles,
    integrations,
    connections,
    visitorTenantId: randomHex(r, 32),
    asciiOnly: texts.every((t) => /^[\x20-\x7e]*$/.test(t)),
  };
}

/**
 * Picks an acting account by weight (heavy users act more, disabled accounts rarely).
 *
 * @param tenant - the tenant
 * @param random - a random source in [0, 1)
 * @returns an account (possibly deleted or disabled)
 */
export function pickActor(tenant: AnaplanTenant, random: () => number): TenantUser {
  const w = tenant.actorWeights;
  const x = random() * w[w.length - 1]!;
  let lo = 0;
  let hi = w.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (w[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return tenant.accounts[lo]!;
}

function homeIp(u: () => number): string {
  const x = u();
  const n = () => 1 + Math.floor(u() * 253);
  if (x < 0.45) return `203.0.113.${n()}`;
  if (x < 0.75) return `198.51.100.${n()}`;
  return `10.${n()}.${n()}.${n()}`;
}
