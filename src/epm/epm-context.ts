import type { AuthHook, Transport, TransportLog } from "../http/transport.js";
import type { EpmReportName } from "./epm-report-definitions.js";

/** The service name in every EPM message. */
export const EPM_SERVICE = "Oracle EPM";

/**
 * What the parts of an EpmClient share (internal): one transport and auth, the base URL and
 * its origin, and the job and clock settings.
 */
export interface EpmContext {
  transport: Transport;
  auth: AuthHook;
  /** Base URL without a trailing slash, e.g. `https://epm-acme.epm.us-phoenix-1.ocs.oraclecloud.com`. */
  baseUrl: string;
  /** `new URL(baseUrl).origin`: the only origin links may point to. */
  origin: string;
  log: TransportLog;
  /** First wait between job polls, in ms. */
  pollIntervalMs: number;
  /** Longest wait for one job, in ms. */
  jobTimeoutMs: number;
  /** Most status requests while waiting for one job. */
  maxJobPolls: number;
  /** Size and depth limits of JSON bodies. */
  json: { maxBytes: number; maxDepth: number };
  /** Largest inflated size of a zipped report, in bytes. */
  maxInflatedBytes: number;
  /** Keep generated report files in the repository. */
  keepFiles: boolean;
  /** The current time in epoch ms (for date windows and file names). */
  now(): number;
  /** Days an audit report reaches back (undefined for current-state reports). */
  retentionDays(name: EpmReportName): number | undefined;
}

/**
 * Per-call options of the EPM client's methods.
 *
 * @example
 * ```ts
 * const options: EpmCallOptions = { signal: AbortSignal.timeout(120_000) };
 * ```
 */
export interface EpmCallOptions {
  /** Aborts the call (requests, polling and waits). @default undefined */
  signal?: AbortSignal;
}
