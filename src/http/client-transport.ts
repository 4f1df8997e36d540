import type { Dispatcher } from "undici";
import type { Redactor } from "./redact.js";
import type { RetryOptions } from "./retry-delay.js";
import { Transport, type TransportLog, type TransportOptions } from "./transport.js";

/** The transport settings both clients accept, each optional. */
export interface ClientTransportSettings {
  maxConcurrency?: number | undefined;
  timeoutMs?: number | undefined;
  maxBodyBytes?: number | undefined;
  retry?: RetryOptions | undefined;
  dispatcher?: Dispatcher | undefined;
  log?: TransportLog | undefined;
}

/**
 * Makes a client's {@link Transport} from its options, passing on only the settings given (so
 * the transport's own defaults apply to the rest).
 *
 * @param settings - the client's options (extra fields are ignored)
 * @param redactor - the client's redactor, shared with its auth
 * @returns the transport
 * @example
 * ```ts
 * const transport = clientTransport({ maxConcurrency: 8 }, new Redactor());
 * ```
 */
export function clientTransport(settings: ClientTransportSettings, redactor: Redactor): Transport {
  const options: TransportOptions = { redactor };
  if (settings.maxConcurrency !== undefined) options.maxConcurrency = settings.maxConcurrency;
  if (settings.timeoutMs !== undefined) options.timeoutMs = settings.timeoutMs;
  if (settings.maxBodyBytes !== undefined) options.maxBodyBytes = settings.maxBodyBytes;
  if (settings.retry !== undefined) options.retry = settings.retry;
  if (settings.dispatcher !== undefined) options.dispatcher = settings.dispatcher;
  if (settings.log !== undefined) options.log = settings.log;
  return new Transport(options);
}

/**
 * A clock in epoch ms from a client's `now` option, which may return a number or a Date.
 *
 * @param now - the option, or undefined for the real clock
 * @returns a function giving epoch ms
 * @example
 * ```ts
 * msClock(() => new Date("2026-11-01T00:00:00Z"))() //=> 1793491200000
 * ```
 */
export function msClock(now: (() => number | Date) | undefined): () => number {
  if (!now) return Date.now;
  return () => {
    const t = now();
    return typeof t === "number" ? t : t.getTime();
  };
}
