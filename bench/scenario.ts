/**
 * The benchmark scenario: what the simulator serves and what every contender fetches. Shared by
 * the harness (parent) and the contenders (children) through one JSON object.
 */

/** Everything a contender needs to know; sent to each child as JSON. */
export interface Scenario {
  /** Audit events in the 30-day window (approximately: the simulator draws per hour). */
  events: number;
  /** People in the synthetic organisation (about 92 % are listed users). */
  users: number;
  /** Days of events fetched (the whole Audit API retention). */
  days: number;
  /** Events per page (`limit`). */
  pageSize: number;
  /** Requests in flight at once, for every contender. */
  concurrency: number;
  /** The simulator's frozen "now", epoch ms. */
  now: number;
  /** Simulator URLs and the basic-auth account. */
  authUrl: string;
  auditUrl: string;
  apiUrl: string;
  email: string;
  password: string;
}

/** What a contender reports on its last stdout line. */
export interface ContenderResult {
  /** Wall time from the first request to the final frame, ms. */
  ms: number;
  /** CPU time of the child (user + system, all threads) during the timed part, ms. */
  cpuMs?: number;
  /** The part of cpuMs spent in the kernel (mostly zeroing and mapping fresh memory), ms. */
  sysMs?: number;
  /** Minor page faults during the timed part: each is a fresh 4 KiB page the kernel zeroed. */
  minorFaults?: number;
  /** The child's own peak resident set size, bytes (VmHWM on Linux: maxRSS there includes the parent's, see contender.ts). */
  peakRssBytes: number;
  /** Event rows in the final result (JSON objects for contender a). */
  rows: number;
  /** JSON bytes downloaded (events and users pages). */
  bytes: number;
  /** Contender (s): the whole sync (events, then the users and entitlement snapshots), ms; `ms` is its events backfill. */
  totalMs?: number;
  /** Anything worth printing (e.g. the aggregation's first rows). */
  note?: string;
}

/** A fixed "now" so every run sees the same window: 2026-11-01T00:00:00Z. */
export const BENCH_NOW = Date.parse("2026-11-01T00:00:00Z");
