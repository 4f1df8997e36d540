import { type PlantedAnaplanEvent, plantedAnaplanEvents } from "../planted-violations.js";
import type { SimulatedApi, SimulatorContext } from "../service.js";
import type { AnaplanContext, AnaplanCounters, AnaplanUrls } from "./anaplan-context.js";
import { type ActiveAnaplanFaults, type AnaplanFaults, applyFaults, noFaults } from "./anaplan-faults.js";
import { AUDITOR_EMAIL, createAnaplanTenant } from "./anaplan-tenant.js";
import { createAuditRoutes } from "./audit-routes.js";
import { createAuthRoutes } from "./auth-routes.js";
import { CertificateLogin } from "./certificate-login.js";
import { type AnaplanEntitlementSim, createEntitlementSimulator } from "./entitlement-simulator.js";
import { EventStore, RETENTION_MS } from "./event-store.js";
import { categoryOfType } from "./event-types.js";
import { MAX_EVENTS_PER_DAY } from "./generate-slot.js";
import { TokenStore } from "./token-store.js";
import { type AnaplanApiUser, apiUsers, createUsersRoutes } from "./users-routes.js";

/**
 * Size, certificates and faults of the synthetic Anaplan tenant.
 *
 * @example
 * ```ts
 * const options: AnaplanSimulatorOptions = { users: 25, eventsPerDay: 200 };
 * ```
 */
export interface AnaplanSimulatorOptions {
  /** People in the synthetic organisation; about 92 % have an Anaplan account. @default 300 */
  users?: number;
  /** Average audit events per day (30 days hold about 30×). At most 1,000,000. @default 1500 */
  eventsPerDay?: number;
  /**
   * PEM certificates accepted by `CACertificate` logins (any other certificate gets 401). A
   * registered certificate logs in as the Tenant Auditor account. @default [] (none)
   */
  certificates?: string[];
  /** Also accept the legacy v1 certificate payload (no `encodedDataFormat`). @default false */
  acceptCertificateV1?: boolean;
  /** Faults switched on from the start. @default none */
  faults?: AnaplanFaults;
  /** Memory for pre-serialised events (~600 bytes each); 1M events need ~620 MB. @default 768 MiB */
  cacheBytes?: number;
  /** Events whose dates and types are cached for counting (17 bytes each). @default 4,000,000 */
  cacheEvents?: number;
  /**
   * E-mails of the EPM tenant's Service Administrators (`startSimulator` passes them): the first
   * with an active Anaplan account is planted as a workspace administrator, a segregation-of-duties
   * conflict (`entitlements.adminConflict`); the others administer no workspace. @default none
   */
  epmServiceAdmins?: readonly string[];
}

/**
 * An eventDate range for ground-truth queries (inclusive).
 *
 * @example
 * ```ts
 * const count = sim.anaplan.countEvents({ from: "2026-03-01", to: "2026-03-02", type: "user_activity" } satisfies AnaplanEventRange);
 * ```
 */
export interface AnaplanEventRange {
  /** @default now − 30 days */
  from?: Date | string | number;
  /** @default now */
  to?: Date | string | number;
  /** An Audit API `type` (`user_activity`, `access_control`, …); unknown values mean all. @default "all" */
  type?: string;
}

/**
 * One audit event as served, with the id as exact decimal text.
 *
 * @example
 * ```ts
 * const [event]: AnaplanSimulatedEvent[] = sim.anaplan.events({ type: "user_activity" });
 * console.log(event?.eventTypeId, new Date(event?.eventDate ?? 0));
 * ```
 */
export interface AnaplanSimulatedEvent {
  id: string;
  eventTypeId: string;
  userId: string;
  eventDate: number;
  createdDate: number;
  [field: string]: unknown;
}

/**
 * Options for an AnaplanClient talking to this simulator (basic auth, simulated clock).
 *
 * @example
 * ```ts
 * const { email, password, authUrl }: AnaplanSimulatorClientOptions = sim.anaplan.clientOptions;
 * ```
 */
export interface AnaplanSimulatorClientOptions extends AnaplanUrls {
  email: string;
  password: string;
  /** The simulated clock, for token expiry and certificate timestamps. */
  now: () => number;
}

/**
 * The Anaplan half of a running simulator.
 *
 * @example
 * ```ts
 * const anaplan: AnaplanSimulator = sim.anaplan;
 * const client = new AnaplanClient(anaplan.clientOptions);
 * ```
 */
export interface AnaplanSimulator {
  /** Route handlers, mounted by the server. */
  api: { auth: SimulatedApi; audit: SimulatedApi; users: SimulatedApi };
  /** URLs to give an AnaplanClient. */
  readonly urls: AnaplanUrls;
  /** Basic-auth credentials the tenant accepts (the Tenant Auditor account). */
  credentials: { email: string; password: string };
  /** Everything an AnaplanClient needs: credentials, URLs and `now` on the simulated clock. */
  readonly clientOptions: AnaplanSimulatorClientOptions;
  /** The tenant id (`tenantId` in events, `customerId` of users). */
  readonly tenantId: string;
  /**
   * Ground truth: ids of the events the Audit API would return now for the range, in API order
   * (eventDate, then numeric id), as exact decimal strings.
   */
  eventIds(range?: AnaplanEventRange): string[];
  /** Ground truth: the events themselves (ids as strings), in API order. */
  events(range?: AnaplanEventRange): AnaplanSimulatedEvent[];
  /** Ground truth: how many events the range holds now (`totalSize`), without generating bytes. */
  countEvents(range?: AnaplanEventRange): number;
  /** Ground truth: the users `/2/0/users` lists now (deleted users excluded). */
  users(): AnaplanApiUser[];
  /** Ids of users removed from the tenant: they appear in events but not in `users()`. */
  readonly deletedUserIds: readonly string[];
  /** System actor ids (`INTERNAL_<n>`) that appear as `userId` in events. */
  readonly internalUserIds: readonly string[];
  /** Requests handled per route (live object; tests may reset fields to 0). */
  readonly counters: AnaplanCounters;
  /** Entitlement APIs (SCIM, workspaces, admins, exceptions, licences): ground truth and switches. */
  readonly entitlements: AnaplanEntitlementSim;
  /** Events planted on purpose (rule violations), relative to the simulator's start. */
  readonly planted: readonly PlantedAnaplanEvent[];
  /** The Anaplan faults in force. */
  readonly faults: Readonly<ActiveAnaplanFaults>;
  /** Switches faults on or off (keys present are applied; an explicit undefined switches off). */
  setFaults(faults: AnaplanFaults): void;
  /** Switches every Anaplan fault off. */
  clearFaults(): void;
  /** Mints a token the simulated APIs accept, as a sign-in would (the OAuth server uses it). */
  issueToken(): string;
  /** Expires every token issued so far: audit and users answer 401 until refresh or re-login. */
  expireTokensNow(): void;
  /** Accepts one more PEM certificate for `CACertificate` logins. */
  addCertificate(pem: string): void;
  /** Pre-generates and caches the serialised events of a range (benchmarks call it before timing). */
  warm(range?: AnaplanEventRange): void;
  /** Bytes of pre-serialised events currently cached. */
  readonly cachedBytes: number;
}

/**
 * Creates the Anaplan half of the simulator: auth (basic, certificate v2, refresh, validate,
 * logout), the Audit API and the Integration API users list, over a deterministic tenant whose
 * events are a pure function of (seed, size options, hour).
 *
 * @param context - clock, seed and base URL from the server
 * @param options - tenant size, certificates, faults, cache budgets
 * @returns the simulator half, with ground truth and fault switches
 * @throws RangeError for a size option out of range
 * @example
 * ```ts
 * const sim = await startSimulator({ seed: 1, anaplan: { users: 300, eventsPerDay: 1500 } });
 * sim.anaplan.eventIds({ from: Date.now() - 86_400_000 }).length //=> about 1500
 * ```
 */
export function createAnaplanSimulator(
  context: SimulatorContext,
  options: AnaplanSimulatorOptions,
): AnaplanSimulator {
  const people = options.users ?? 300;
  const eventsPerDay = options.eventsPerDay ?? 1500;
  if (!Number.isInteger(people) || people < 1)
    throw new RangeError(`anaplan.users must be >= 1, got ${people}`);
  if (!(eventsPerDay >= 0 && eventsPerDay <= MAX_EVENTS_PER_DAY)) {
    throw new RangeError(
      `anaplan.eventsPerDay must be between 0 and ${MAX_EVENTS_PER_DAY}, got ${eventsPerDay}`,
    );
  }
  const now = () => context.clock.now();
  const tenant = createAnaplanTenant(context.seed, people);
  const faults = noFaults();
  if (options.faults) applyFaults(faults, options.faults);
  const certificates = [...(options.certificates ?? [])];
  const loginOptions = () => ({ certificates, now, acceptV1: options.acceptCertificateV1 ?? false });
  const counters: AnaplanCounters = {
    authenticate: 0,
    refresh: 0,
    validate: 0,
    logout: 0,
    auditPages: 0,
    usersPages: 0,
    insertedEvents: 0,
  };
  const urls = (): AnaplanUrls => {
    const base = context.baseUrl();
    return {
      authUrl: `${base}/anaplan/auth`,
      auditUrl: `${base}/anaplan/audit/audit/api/1`,
      apiUrl: `${base}/anaplan/api/2/0`,
    };
  };
  const planted = plantedAnaplanEvents(now(), tenant);
  const ctx: AnaplanContext = {
    now,
    tenant,
    store: new EventStore(
      { seed: context.seed, tenant, eventsPerDay, planted },
      {
        ...(options.cacheBytes === undefined ? {} : { cacheBytes: options.cacheBytes }),
        ...(options.cacheEvents === undefined ? {} : { cacheEvents: options.cacheEvents }),
      },
    ),
    tokens: new TokenStore(now, () => faults.tokenLifetimeMs),
    certificateLogin: new CertificateLogin(loginOptions()),
    credentials: { email: AUDITOR_EMAIL, password: "sim-Passw0rd!" },
    faults,
    counters,
    urls,
  };
  const window = (range: AnaplanEventRange = {}) => {
    const t = now();
    return {
      from: range.from === undefined ? t - RETENTION_MS : toMs(range.from),
      to: range.to === undefined ? t : toMs(range.to),
      category: categoryOfType(range.type),
    };
  };

  const entitlements = createEntitlementSimulator(
    ctx,
    { seed: context.seed, tenant, eventsPerDay },
    now(),
    options.epmServiceAdmins,
  );
  const usersRoutes = createUsersRoutes(ctx);
  return {
    api: {
      auth: createAuthRoutes(ctx),
      audit: createAuditRoutes(ctx),
      users: {
        handle: (req, res, path, url) =>
          (entitlements.routes.owns(path) ? entitlements.routes : usersRoutes).handle(req, res, path, url),
      },
    },
    entitlements: entitlements.sim,
    get urls() {
      return urls();
    },
    credentials: ctx.credentials,
    issueToken: () => ctx.tokens.issue(ctx.tenant.auditor).tokenValue,
    get clientOptions() {
      return { ...ctx.credentials, ...urls(), now };
    },
    tenantId: tenant.tenantId,
    eventIds: (range) => ctx.store.ids(window(range), now()),
    events: (range) => {
      const w = window(range);
      const page = ctx.store.page(w, now(), 0, Number.MAX_SAFE_INTEGER);
      if (page.chunks.length === 0) return [];
      const text = `[${Buffer.concat(page.chunks).subarray(1).toString("utf8")}]`;
      return JSON.parse(text.replace(/\{"id":(\d+)/g, '{"id":"$1"')) as AnaplanSimulatedEvent[];
    },
    countEvents: (range) => ctx.store.count(window(range), now()),
    users: () => apiUsers(ctx, now()),
    deletedUserIds: tenant.deletedUserIds,
    internalUserIds: tenant.internalIds,
    counters,
    planted,
    faults,
    setFaults: (change) => applyFaults(faults, change),
    clearFaults: () => Object.assign(faults, noFaults()),
    expireTokensNow: () => ctx.tokens.expireAll(),
    addCertificate: (pem) => {
      certificates.push(pem);
      ctx.certificateLogin = new CertificateLogin(loginOptions());
    },
    warm: (range) => {
      const w = window(range);
      ctx.store.warm(Math.max(w.from, now() - RETENTION_MS), Math.min(w.to, now()));
    },
    get cachedBytes() {
      return ctx.store.cachedBytes;
    },
  };
}

function toMs(time: Date | string | number): number {
  const ms = time instanceof Date ? time.getTime() : typeof time === "number" ? time : Date.parse(time);
  if (Number.isNaN(ms)) throw new RangeError(`Not a time: ${String(time)}`);
  return ms;
}
