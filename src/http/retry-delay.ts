/**
 * How the transport retries.
 *
 * @example
 * ```ts
 * const retry: RetryOptions = { limit: 5, baseDelayMs: 500, maxDelayMs: 30_000 };
 * ```
 */
export interface RetryOptions {
  /** Retries after the first attempt. @default 3 */
  limit?: number;
  /** First backoff step in ms; doubles each retry. @default 300 */
  baseDelayMs?: number;
  /** Largest backoff step in ms. @default 10000 */
  maxDelayMs?: number;
  /** Longest Retry-After the kit will wait; a longer one fails the request with the wait in the message. @default 120000 */
  maxRetryAfterMs?: number;
}

/** The HTTP statuses retried (for idempotent requests). */
export const RETRY_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/**
 * Parses a Retry-After header (seconds or an HTTP date) into milliseconds from `now`.
 *
 * @param value - the header value
 * @param now - current time in ms (passed in, never read from the clock here)
 * @returns milliseconds to wait, or undefined when the header is absent or unreadable
 * @example
 * ```ts
 * parseRetryAfter("2", 0) //=> 2000
 * parseRetryAfter("Wed, 21 Oct 2026 07:28:00 GMT", Date.parse("Wed, 21 Oct 2026 07:27:59 GMT")) //=> 1000
 * ```
 */
export function parseRetryAfter(value: string | string[] | undefined, now: number): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (!text) return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Backoff before retry number `attempt` (0-based): full jitter over a capped exponential step,
 * never shorter than what the server asked for with Retry-After.
 *
 * @example
 * ```ts
 * retryDelay(0, {}, undefined, () => 0.5) //=> 150
 * retryDelay(0, {}, 2000, () => 0.5)      //=> 2000
 * ```
 */
export function retryDelay(
  attempt: number,
  options: RetryOptions,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  const base = options.baseDelayMs ?? 300;
  const cap = options.maxDelayMs ?? 10_000;
  const step = Math.min(cap, base * 2 ** attempt);
  const jittered = Math.round(step * random());
  return retryAfterMs === undefined ? jittered : Math.max(retryAfterMs, jittered);
}
