import type { IncomingMessage } from "node:http";
import type { ActiveAnaplanFaults } from "./anaplan-faults.js";
import type { AnaplanTenant } from "./anaplan-tenant.js";
import type { CertificateLogin } from "./certificate-login.js";
import type { EventStore } from "./event-store.js";
import type { TokenStore } from "./token-store.js";

/**
 * How many requests each Anaplan route has handled (for tests: single-flight refresh, page counts).
 *
 * @example
 * ```ts
 * const counters: AnaplanCounters = sim.anaplan.counters;
 * console.log(`${counters.auditPages} audit pages served`);
 * ```
 */
export interface AnaplanCounters {
  /** `POST /token/authenticate` calls (basic and certificate, accepted or not). */
  authenticate: number;
  /** `POST /token/refresh` calls. */
  refresh: number;
  /** `GET /token/validate` calls. */
  validate: number;
  /** `POST /token/logout` calls. */
  logout: number;
  /** Audit event pages served with 200. */
  auditPages: number;
  /** Users pages (`/2/0/users`) served with 200. */
  usersPages: number;
  /** Late events added by the `insertDuringPaging` fault. */
  insertedEvents: number;
}

/**
 * The URLs of the three simulated Anaplan services.
 *
 * @example
 * ```ts
 * const urls: AnaplanUrls = { authUrl: "https://auth.anaplan.com", auditUrl: "https://audit.anaplan.com", apiUrl: "https://api.anaplan.com" };
 * ```
 */
export interface AnaplanUrls {
  /** Auth service, like `https://auth.anaplan.com`. */
  authUrl: string;
  /** Audit API, like `https://audit.anaplan.com/audit/api/1`. */
  auditUrl: string;
  /** Integration API v2, like `https://api.anaplan.com/2/0`. */
  apiUrl: string;
}

/** What the Anaplan route handlers share. */
export interface AnaplanContext {
  now: () => number;
  tenant: AnaplanTenant;
  store: EventStore;
  tokens: TokenStore;
  certificateLogin: CertificateLogin;
  credentials: { email: string; password: string };
  faults: ActiveAnaplanFaults;
  counters: AnaplanCounters;
  urls: () => AnaplanUrls;
}

/**
 * Splits the Authorization header into scheme and value.
 *
 * @returns undefined when the header is absent or has no value after the scheme
 * @example
 * ```ts
 * readAuthorization(req) //=> { scheme: "AnaplanAuthToken", value: "..." }
 * ```
 */
export function readAuthorization(req: IncomingMessage): { scheme: string; value: string } | undefined {
  const header = req.headers.authorization?.trim();
  if (!header) return undefined;
  const space = header.indexOf(" ");
  if (space <= 0) return undefined;
  const value = header.slice(space + 1).trim();
  return value ? { scheme: header.slice(0, space), value } : undefined;
}
