import { RETENTION_MS } from "./event-store.js";
import { categoryOfType } from "./event-types.js";

/** A parsed Audit API events request. */
export interface AuditQuery {
  /** eventDate bounds, inclusive, epoch ms (resolved against now). */
  from: number;
  to: number;
  category: number;
  /** The `type` as sent (kept in nextUrl), or undefined. */
  type: string | undefined;
  /** Rows asked for (20 when `limit` was absent). */
  limit: number;
  offset: number;
}

/** A request the Audit API refuses with 400 FAILURE_BAD_REQUEST. */
export interface AuditQueryError {
  error: string;
}

/** The raw inputs: query parameters (GET), or `type/limit/offset` query plus a JSON body (search). */
export interface AuditQueryInput {
  type: string | null;
  limit: string | null;
  offset: string | null;
  /** `dateFrom` (GET) or body `from` (search). */
  from: string | number | null;
  /** `dateTo` (GET) or body `to` (search). */
  to: string | number | null;
  /** `intervalInHours` (GET) or body `interval` (search). */
  interval: string | number | null;
}

/** Page size when `limit` is absent, as the live API does. */
export const DEFAULT_AUDIT_LIMIT = 20;
const SPAN_ERROR = "Date range cannot exceed 30 days";

/**
 * Resolves an events request the way the Audit API does: `dateFrom`/`dateTo` bound eventDate
 * (inclusive); a missing `dateTo` means now; a missing `dateFrom` means the start of retention;
 * `intervalInHours` alone means the last N hours (at most 720); nothing at all means the last 30
 * days. A span over 30 days, a negative or non-integer number, or `dateFrom` after `dateTo` is a
 * 400. `type` is not validated (unknown values mean all). `limit` defaults to 20.
 *
 * @param input - raw parameters
 * @param now - the simulated clock, epoch ms
 * @returns the query, or the error message for a 400
 * @example
 * ```ts
 * parseAuditQuery({ type: null, limit: null, offset: null, from: null, to: null, interval: "24" }, now)
 * //=> { from: now - 86400000, to: now, category: -1, type: undefined, limit: 20, offset: 0 }
 * ```
 */
export function parseAuditQuery(input: AuditQueryInput, now: number): AuditQuery | AuditQueryError {
  const raw = {
    limit: integer(input.limit, "limit"),
    offset: integer(input.offset, "offset"),
    from: integer(input.from, "dateFrom"),
    to: integer(input.to, "dateTo"),
    interval: integer(input.interval, "intervalInHours"),
  };
  for (const x of Object.values(raw)) if (typeof x === "string") return { error: x };
  const { limit, offset, from, to, interval } = raw as Record<keyof typeof raw, number | undefined>;
  if ((limit ?? 0) < 0 || (offset ?? 0) < 0) return { error: "limit and offset must not be negative" };

  let windowFrom: number;
  let windowTo: number;
  if (from !== undefined || to !== undefined) {
    windowTo = to ?? now;
    windowFrom = from ?? Math.min(windowTo, now - RETENTION_MS);
    if (windowFrom > windowTo) return { error: "dateFrom must not be after dateTo" };
    if (from !== undefined && windowTo - windowFrom > RETENTION_MS) return { error: SPAN_ERROR };
  } else if (interval !== undefined) {
    const hours = interval;
    if (hours <= 0) return { error: "intervalInHours must be a positive number of hours" };
    if (hours > 720) return { error: SPAN_ERROR };
    windowTo = now;
    windowFrom = now - hours * 3_600_000;
  } else {
    windowTo = now;
    windowFrom = now - RETENTION_MS;
  }
  return {
    from: windowFrom,
    to: windowTo,
    category: categoryOfType(input.type),
    type: input.type ?? undefined,
    limit: limit ?? DEFAULT_AUDIT_LIMIT,
    offset: offset ?? 0,
  };
}

/** The integer value, undefined when absent, or an error message. */
function integer(raw: string | number | null, name: string): number | undefined | string {
  if (raw === null || raw === "") return undefined;
  const text = String(raw).trim();
  if (!/^-?\d+$/.test(text)) return `${name} must be an integer, got ${JSON.stringify(String(raw))}`;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : `${name} is out of range`;
}
