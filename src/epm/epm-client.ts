import type { Dispatcher } from "undici";
import { ValidationError } from "../errors/validation-error.js";
import { clientTransport, msClock } from "../http/client-transport.js";
import { Redactor } from "../http/redact.js";
import type { RetryOptions } from "../http/retry-delay.js";
import type { Transport, TransportLog } from "../http/transport.js";
import { createEpmBasicAuth } from "./create-epm-basic-auth.js";
import { createEpmBearerAuth, type EpmTokenSource } from "./create-epm-bearer-auth.js";
import type { EpmContext } from "./epm-context.js";
import { EpmEntitlements } from "./epm-entitlements.js";
import { EpmFiles } from "./epm-files.js";
import { EpmJobs } from "./epm-jobs.js";
import type { EpmReportName } from "./epm-report-definitions.js";
import { EpmReports } from "./epm-reports.js";
import { type EpmRetentionDays, resolveEpmRetention } from "./epm-retention.js";

/** Settings shared by both ways to authenticate. */
export interface EpmClientCommonOptions {
  /** The service URL without `/epmcloud`, e.g. `https://epm-acme.epm.us-phoenix-1.ocs.oraclecloud.com`. */
  url: string;
  /** The current time, for retention windows and file names. @default Date.now */
  now?: () => number | Date;
  /** First wait between job polls in ms; waits grow to 5× this. @default 1000 */
  pollIntervalMs?: number;
  /** Longest wait for one report job in ms. @default 600000 */
  jobTimeoutMs?: number;
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

/** Basic auth: plain user name and password. */
export interface EpmBasicClientOptions extends EpmClientCommonOptions {
  username: string;
  password: string;
  token?: undefined;
}

/** OAuth 2 bearer auth: an access token, or a function that returns a current one. */
export interface EpmTokenClientOptions extends EpmClientCommonOptions {
  token: EpmTokenSource;
  username?: undefined;
  password?: undefined;
}

/** Options of {@link EpmClient}. */
export type EpmClientOptions = EpmBasicClientOptions | EpmTokenClientOptions;

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
    if (options.token !== undefined && (options.username !== undefined || options.password !== undefined)) {
      throw new ValidationError("[epm-auth] pass either { username, password } or { token }, not both.");
    }
    const redactor = new Redactor();
    const auth =
      options.token !== undefined
        ? createEpmBearerAuth({ token: options.token, redactor })
        : createEpmBasicAuth({ username: options.username, password: options.password, redactor });
    const pollIntervalMs = positive(options.pollIntervalMs, 1000, "pollIntervalMs");
    const jobTimeoutMs = positive(options.jobTimeoutMs, 600_000, "jobTimeoutMs");
    const retention = resolveEpmRetention(options.retentionDays);
    this.#retention = retention;
    const transport = clientTransport(options, redactor);
    const now = msClock(options.now);
    const context: EpmContext = {
      transport,
      auth,
      baseUrl: this.url,
      origin: base.origin,
      log: transport.log,
      pollIntervalMs,
      jobTimeoutMs,
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
  } catch {
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

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0)
    throw new ValidationError(`[epm] ${name} must be a positive number of ms.`);
  return value;
}
