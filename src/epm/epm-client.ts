import type { Dispatcher } from "undici";
import { ValidationError } from "../errors/validation-error.js";
import { clientTransport, msClock } from "../http/client-transport.js";
import { Redactor } from "../http/redact.js";
import type { RetryOptions } from "../http/retry-delay.js";
import type { Transport, TransportLog } from "../http/transport.js";
import type { OAuthSession } from "../oauth/oauth-session.js";
import { createEpmBasicAuth } from "./create-epm-basic-auth.js";
import { createEpmBearerAuth, type EpmTokenSource } from "./create-epm-bearer-auth.js";
import { createEpmOAuthAuth } from "./create-epm-oauth-auth.js";
import type { EpmContext } from "./epm-context.js";
import { EpmEntitlements } from "./epm-entitlements.js";
import { EpmFiles } from "./epm-files.js";
import { EpmJobs } from "./epm-jobs.js";
import type { EpmReportName } from "./epm-report-definitions.js";
import { EpmReports } from "./epm-reports.js";
import { type EpmRetentionDays, resolveEpmRetention } from "./epm-retention.js";
import { EPM_MAX_JSON_BYTES, EPM_MAX_JSON_DEPTH } from "./parse-bounded-epm-json.js";
import { EPM_MAX_INFLATED_BYTES } from "./read-epm-report-file.js";

/**
 * Settings shared by both ways to authenticate.
 *
 * @example
 * ```ts
 * const common: EpmClientCommonOptions = { url: "https://epm.example.oraclecloud.com", jobTimeoutMs: 600_000 };
 * ```
 */
export interface EpmClientCommonOptions {
  /** The service URL without `/epmcloud`, e.g. `https://epm-acme.epm.us-phoenix-1.ocs.oraclecloud.com`. */
  url: string;
  /** The current time, for retention windows and file names. @default Date.now */
  now?: () => number | Date;
  /** First wait between job polls in ms; waits grow to 5× this. @default 1000 */
  pollIntervalMs?: number;
  /**
   * Longest wait for one job in ms, polls included: past it the job is a TimeoutError naming the
   * time, the polls and the last status. @default 600000 (10 minutes)
   */
  jobTimeoutMs?: number;
  /**
   * Most status requests for one job, whatever the timing: past it the job is a TimeoutError.
   * (With the default 1 s first wait growing to 5 s, 10 minutes take about 125 polls.) @default 1000
   */
  maxJobPolls?: number;
  /** Largest JSON body (envelope, job status, file listing) read, in bytes. @default 16777216 (16 MiB) */
  maxJsonBytes?: number;
  /** Deepest nesting of arrays and objects in a JSON body (EPM's envelopes nest 4 deep). @default 64 */
  maxJsonDepth?: number;
  /**
   * Largest size a zipped report may inflate to, in bytes: checked against the zip's directory
   * before inflating, and enforced while inflating (a zip that lies about its size stops at
   * its declared size). @default 134217728 (128 MiB)
   */
  maxInflatedBytes?: number;
  /** Leave generated report files in the EPM repository. @default false */
  keepFiles?: boolean;
  /**
   * Days each audit report reaches back, where your pod differs from Oracle's defaults: role
   * assignment audit and invalid logins keep 30 days unless extended (up to 90) in the Identity
   * Console. @default { groupAssignmentAudit: 120, roleAssignmentAudit: 30, invalidLogins: 30, userLogins: 120 }
   */
  retentionDays?: EpmRetentionDays;
  /** Requests in flight at once. @default 4 */
  maxConcurrency?: number;
  /** Time limit of one HTTP attempt in ms. @default 60000 */
  timeoutMs?: number;
  /** Retry policy of idempotent requests. @default { limit: 3, baseDelayMs: 300, maxDelayMs: 10000 } */
  retry?: RetryOptions;
  /** An undici dispatcher instead of the client's own keep-alive Agent. @default undefined */
  dispatcher?: Dispatcher;
  /** Where warnings go. @default stderr */
  log?: TransportLog;
}

/**
 * Basic auth: plain user name and password.
 *
 * @example
 * ```ts
 * const options: EpmBasicClientOptions = { url: "https://epm.example.oraclecloud.com", username: "svc_audit", password: "secret" };
 * ```
 */
export interface EpmBasicClientOptions extends EpmClientCommonOptions {
  username: string;
  password: string;
  token?: undefined;
  oauth?: undefined;
}

/**
 * OAuth 2 bearer auth: an access token, or a function that returns a current one.
 *
 * @example
 * ```ts
 * const options: EpmTokenClientOptions = { url: "https://epm.example.oraclecloud.com", token: () => readToken() };
 * ```
 */
export interface EpmTokenClientOptions extends EpmClientCommonOptions {
  token: EpmTokenSource;
  username?: undefined;
  password?: undefined;
  oauth?: undefined;
}

/**
 * OAuth 2 from a stored sign-in (`epm-audit-kit login epm`): access tokens are refreshed with
 * the rotating refresh token and sent as Bearer.
 *
 * @example
 * ```ts
 * const options: EpmOAuthClientOptions = { url: "https://epm.example.oraclecloud.com", oauth: session }; // session: an OAuthSession, e.g. from oauthSessionFromEnv("epm")
 * ```
 */
export interface EpmOAuthClientOptions extends EpmClientCommonOptions {
  oauth: OAuthSession;
  token?: undefined;
  username?: undefined;
  password?: undefined;
}

/**
 * Options of {@link EpmClient}.
 *
 * @example
 * ```ts
 * const options: EpmClientOptions = { url: "https://epm.example.oraclecloud.com", token: process.env.EPM_TOKEN ?? "" };
 * ```
 */
export type EpmClientOptions = EpmBasicClientOptions | EpmTokenClientOptions | EpmOAuthClientOptions;

/**
 * Oracle EPM Cloud security and audit reports as typed Polars DataFrames (`reports`), with the
 * lower levels public for other jobs (`jobs`, `files`). One keep-alive connection pool; call
 * `close()` when done.
 *
 * @throws {@link ValidationError} for a missing or malformed URL or credentials
 * @example
 * ```ts
 * const epm = new EpmClient({ url, username, password });   // or { url, token }
 * const changes = await epm.reports.groupAssignmentAudit({ from: "2026-01-01", to: "2026-01-31" });
 * await epm.close();
 * ```
 */
export class EpmClient {
  /** The six reports as DataFrames. */
  readonly reports: EpmReports;
  /** Users with their roles (direct and through groups), groups with members, the provisioning report. */
  readonly entitlements: EpmEntitlements;
  /** Submit a job and wait for it. */
  readonly jobs: EpmJobs;
  /** List, download and delete repository files. */
  readonly files: EpmFiles;
  /** The base URL requests go to (no trailing slash). */
  readonly url: string;
  readonly #transport: Transport;
  readonly #retention: (name: EpmReportName) => number | undefined;

  constructor(options: EpmClientOptions) {
    const base = parseBaseUrl(options?.url);
    this.url = base.href.replace(/\/+$/, "");
    const ways = [
      options.token !== undefined,
      options.username !== undefined || options.password !== undefined,
      options.oauth !== undefined,
    ].filter(Boolean).length;
    if (ways > 1) {
      throw new ValidationError(
        "[epm-auth] pass one of { username, password }, { token } or { oauth }, not several.",
      );
    }
    const redactor = new Redactor();
    let transport: Transport | undefined;
    const auth =
      options.oauth !== undefined
        ? createEpmOAuthAuth(options.oauth, { transport: () => transport!, redactor })
        : options.token !== undefined
          ? createEpmBearerAuth({ token: options.token, redactor })
          : createEpmBasicAuth({ username: options.username!, password: options.password!, redactor });
    const pollIntervalMs = positive(options.pollIntervalMs, 1000, "pollIntervalMs");
    const jobTimeoutMs = positive(options.jobTimeoutMs, 600_000, "jobTimeoutMs");
    const maxJobPolls = count(options.maxJobPolls, 1000, "maxJobPolls");
    const json = {
      maxBytes: count(options.maxJsonBytes, EPM_MAX_JSON_BYTES, "maxJsonBytes"),
      maxDepth: count(options.maxJsonDepth, EPM_MAX_JSON_DEPTH, "maxJsonDepth"),
    };
    const maxInflatedBytes = count(options.maxInflatedBytes, EPM_MAX_INFLATED_BYTES, "maxInflatedBytes");
    const retention = resolveEpmRetention(options.retentionDays);
    this.#retention = retention;
    transport = clientTransport(options, redactor);
    const now = msClock(options.now);
    const context: EpmContext = {
      transport,
      auth,
      baseUrl: this.url,
      origin: base.origin,
      log: transport.log,
      pollIntervalMs,
      jobTimeoutMs,
      maxJobPolls,
      json,
      maxInflatedBytes,
      keepFiles: options.keepFiles ?? false,
      retentionDays: retention,
      now,
    };
    this.#transport = transport;
    this.jobs = new EpmJobs(context);
    this.files = new EpmFiles(context);
    this.reports = new EpmReports(context, this.jobs, this.files);
    this.entitlements = new EpmEntitlements(context, this.reports);
  }

  /**
   * Days an audit report reaches back with this client's settings.
   *
   * @param name - a report name
   * @returns days, or undefined for the current-state reports (roleAssignments, userGroups)
   * @example
   * ```ts
   * new EpmClient({ url, token, retentionDays: { invalidLogins: 90 } }).retentionDays("invalidLogins") //=> 90
   * ```
   */
  retentionDays(name: EpmReportName): number | undefined {
    return this.#retention(name);
  }

  /** Closes the keep-alive connections. */
  close(): Promise<void> {
    return this.#transport.close();
  }
}

function parseBaseUrl(url: unknown): URL {
  let parsed: URL | undefined;
  try {
    parsed = typeof url === "string" ? new URL(url) : undefined;
  } catch (error) {
    // new URL throws a TypeError (ERR_INVALID_URL) for text that is no URL; anything else is a bug.
    if (!(error instanceof TypeError)) throw error;
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== "https:" && parsed.protocol !== "http:")) {
    throw new ValidationError(
      "[epm] url must be the EPM service URL, e.g. https://epm-acme.epm.us-phoenix-1.ocs.oraclecloud.com",
    );
  }
  if (parsed.username || parsed.password) {
    throw new ValidationError(
      "[epm] url must not carry credentials: pass username and password (or token) as options.",
    );
  }
  if (parsed.search || parsed.hash) {
    throw new ValidationError("[epm] url must not have a query or fragment: pass the service's base URL.");
  }
  // The REST APIs live beside the web context, not under it.
  parsed.pathname = parsed.pathname.replace(/\/epmcloud\/?$/i, "/");
  return parsed;
}

function count(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new ValidationError(`[epm] ${name} must be a positive whole number.`);
  return value;
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  // Node's timers hold at most 2^31 - 1 ms (about 24.8 days); a longer one would fire at once.
  if (!Number.isFinite(value) || value <= 0 || value > 2_147_483_647)
    throw new ValidationError(`[epm] ${name} must be a positive number of ms, at most 2147483647.`);
  return value;
}
