import type { Readable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { Agent, type Dispatcher, request as undiciRequest } from "undici";
import { AuthError } from "../errors/auth-error.js";
import { HttpError, type ServiceName } from "../errors/http-error.js";
import { KitError } from "../errors/kit-error.js";
import { NetworkError, TimeoutError } from "../errors/network-error.js";
import { PayloadError } from "../errors/payload-error.js";
import { readApiStatus } from "./read-api-status.js";
import { excerpt, Redactor, redactUrl } from "./redact.js";
import { parseRetryAfter, RETRY_STATUSES, type RetryOptions, retryDelay } from "./retry-delay.js";
import { Semaphore } from "./semaphore.js";

/**
 * How requests authenticate. The transport only asks for headers, and on a 401 asks whether
 * the strategy could recover (refresh a token); it never knows which strategy it is using.
 */
export interface AuthHook {
  /** Headers to send, e.g. `{ authorization: "AnaplanAuthToken …" }`. */
  headers(): Promise<Record<string, string>>;
  /**
   * Called on a 401. Return true to retry with fresh headers (at most {@link MAX_AUTH_RENEWALS}
   * times per request); throw a more specific error (e.g. a missing role); or return false to
   * fail with an AuthError.
   */
  onUnauthorized?(error: HttpError): Promise<boolean>;
}

/** Options of a {@link Transport}. */
export interface TransportOptions {
  /** Requests in flight at once, across hosts; also the keep-alive connections per host. @default 4 */
  maxConcurrency?: number;
  /**
   * Time limit of one attempt, in ms: the whole attempt (sending, headers and the last body
   * byte) must finish within it — a server that sends a byte every few seconds still times
   * out — and no silence (waiting for headers, or between body chunks) may last longer either.
   * Retries each get their own. @default 60000
   */
  timeoutMs?: number;
  /**
   * The largest response body accepted, in bytes: a larger Content-Length is refused before
   * reading, a body growing past it is cut off. Either is a PayloadError (`bound.name`
   * `"maxBodyBytes"`), not retried. @default 268435456 (256 MiB)
   */
  maxBodyBytes?: number;
  /** Retry policy for idempotent requests. @default { limit: 3, baseDelayMs: 300, maxDelayMs: 10000 } */
  retry?: RetryOptions;
  /** An undici dispatcher to use instead of the transport's own keep-alive Agent (e.g. a MockAgent). @default undefined */
  dispatcher?: Dispatcher;
  /** Where warnings and retry notes go. @default writes warnings to stderr */
  log?: TransportLog;
  /** Scrubs secrets from messages; share one between a client's auth and transport. @default a new Redactor */
  redactor?: Redactor;
}

/**
 * Minimal logger.
 *
 * @example
 * ```ts
 * const log: TransportLog = { warn: (message) => console.warn(message), debug: (message) => console.debug(message) };
 * ```
 */
export interface TransportLog {
  warn(message: string): void;
  debug?(message: string): void;
}

/** One request. */
export interface TransportRequest {
  method: "GET" | "POST" | "PUT" | "DELETE" | "HEAD";
  url: string | URL;
  /** Remote service name used in messages. */
  service: ServiceName;
  headers?: Record<string, string>;
  /**
   * The body, or a function that makes it afresh for every attempt (for a payload that must not
   * be sent twice, such as a signed, timestamped one). @default no body
   */
  body?: string | Uint8Array | (() => string | Uint8Array);
  auth?: AuthHook;
  /** Retry on 408/429/5xx and network errors. @default true for GET and HEAD, false otherwise */
  retry?: boolean;
  signal?: AbortSignal;
  /** Statuses that are returned instead of thrown. @default 2xx only */
  acceptStatus?: (status: number) => boolean;
  /**
   * Where to read a 200 response's body of known length (Content-Length) instead of fresh
   * memory: returns a buffer of at least `length` bytes, or undefined for fresh memory. The
   * response's `body` is then a view of it. @default fresh memory
   */
  bodyInto?: (length: number) => Uint8Array | undefined;
}

/** A response with its whole body read. */
export interface TransportResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** The redacted URL requested. */
  url: string;
}

const DEFAULT_LOG: TransportLog = { warn: (m) => process.stderr.write(`[epm-audit-kit] ${m}\n`) };

/**
 * HTTP over undici for every client of the kit: one keep-alive pool per host, bounded
 * concurrency, per-attempt timeouts, retries with capped exponential backoff and jitter on
 * 429/5xx/connection errors that honour Retry-After, no retry of other 4xx, and typed errors
 * that never carry a secret.
 *
 * @example
 * ```ts
 * const t = new Transport({ maxConcurrency: 4 });
 * const res = await t.request({ method: "GET", url: "http://127.0.0.1:4010/x", service: "Anaplan audit" });
 * res.status //=> 200
 * ```
 */
export class Transport {
  readonly redactor: Redactor;
  readonly log: TransportLog;
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  readonly #gate: Semaphore;
  readonly #timeoutMs: number;
  readonly #maxBodyBytes: number;
  readonly #retry: Required<RetryOptions>;

  constructor(options: TransportOptions = {}) {
    const concurrency = options.maxConcurrency ?? 4;
    this.#timeoutMs = positive("timeoutMs", options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    this.#maxBodyBytes = positive("maxBodyBytes", options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
    this.#retry = {
      limit: options.retry?.limit ?? 3,
      baseDelayMs: options.retry?.baseDelayMs ?? 300,
      maxDelayMs: options.retry?.maxDelayMs ?? 10_000,
      maxRetryAfterMs: options.retry?.maxRetryAfterMs ?? 120_000,
    };
    this.#gate = new Semaphore(concurrency);
    this.redactor = options.redactor ?? new Redactor();
    this.log = options.log ?? DEFAULT_LOG;
    this.#ownsDispatcher = !options.dispatcher;
    this.#dispatcher =
      options.dispatcher ??
      new Agent({
        connections: concurrency,
        keepAliveTimeout: 10_000,
        headersTimeout: this.#timeoutMs,
        bodyTimeout: this.#timeoutMs,
      });
  }

  /**
   * Sends a request, retrying where safe, and returns the whole response.
   *
   * @throws {@link HttpError} for an unaccepted status, {@link AuthError} for a 401 the auth
   * could not recover from, {@link NetworkError}, {@link TimeoutError}, or a KitError with code
   * `E_ABORTED` when `signal` aborts.
   */
  async request(req: TransportRequest): Promise<TransportResponse> {
    const retryable = req.retry ?? (req.method === "GET" || req.method === "HEAD");
    const safeUrl = this.redactor.scrub(redactUrl(req.url));
    let renewals = 0;
    for (let attempt = 0; ; attempt++) {
      throwIfAborted(req.signal, req.service, req.method, safeUrl);
      // Auth headers are fetched outside the concurrency gate (a sign-in or token refresh is a
      // request of its own and needs a slot: inside, N waiting requests could hold every slot),
      // and their errors (refused credentials, missing key) are final, not retried here.
      const authHeaders = req.auth ? await req.auth.headers() : {};
      let outcome: Outcome;
      try {
        outcome = await this.#gate.run(() => this.#attempt(req, safeUrl, authHeaders));
      } catch (error) {
        if (error instanceof KitError && error.code === "E_ABORTED") throw error;
        // A body over maxBodyBytes would be as large again: not retried.
        if (error instanceof PayloadError) throw error;
        const wrapped = this.#wrapNetworkError(error, req, safeUrl);
        if (retryable && attempt < this.#retry.limit) {
          await this.#wait(attempt, undefined, req, `${wrapped.message}`);
          continue;
        }
        throw wrapped;
      }
      const { response } = outcome;
      const accepted = req.acceptStatus ? req.acceptStatus(response.status) : response.status < 300;
      if (accepted) return response;
      const error = this.#httpError(req, response, safeUrl);
      if (response.status === 401 && req.auth?.onUnauthorized && renewals < MAX_AUTH_RENEWALS) {
        // The token may die again while this request waits (many requests in flight, a short
        // token life): each 401 joins the one renewal in flight, up to MAX_AUTH_RENEWALS times.
        renewals++;
        if (await req.auth.onUnauthorized(error)) {
          attempt--; // a token refresh is not a retry of a failure
          continue;
        }
      }
      if (response.status === 401) throw new AuthError(error.details(authHint(req.service)));
      if (retryable && RETRY_STATUSES.has(response.status) && attempt < this.#retry.limit) {
        const after = parseRetryAfter(response.headers["retry-after"], Date.now());
        if (after !== undefined && after > this.#retry.maxRetryAfterMs) {
          throw new HttpError({
            ...error.details(),
            hint: `The server asked to wait ${Math.round(after / 1000)} s, more than maxRetryAfterMs allows; try again later`,
          });
        }
        await this.#wait(attempt, after, req, error.message);
        continue;
      }
      throw error;
    }
  }

  /** Closes the keep-alive connections (only those of the transport's own Agent). */
  async close(): Promise<void> {
    if (this.#ownsDispatcher) await this.#dispatcher.close();
  }

  async #attempt(
    req: TransportRequest,
    safeUrl: string,
    authHeaders: Record<string, string>,
  ): Promise<Outcome> {
    const headers: Record<string, string> = { "user-agent": "epm-audit-kit", ...req.headers, ...authHeaders };
    // The deadline covers the whole attempt (headers and body); undici's own timeouts below only
    // bound silences, which a server dripping a byte at a time never breaks.
    const deadline = new AbortController();
    const started = performance.now();
    const timer = setTimeout(() => deadline.abort(DEADLINE), this.#timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, deadline.signal]) : deadline.signal;
    try {
      const res = await undiciRequest(req.url, {
        method: req.method,
        headers,
        body: (typeof req.body === "function" ? req.body() : req.body) ?? null,
        dispatcher: this.#dispatcher,
        signal,
        headersTimeout: this.#timeoutMs,
        bodyTimeout: this.#timeoutMs,
      });
      // Only a 200 surely has the body its Content-Length announces (a 204 or HEAD has none).
      const into = res.statusCode === 200 && req.method !== "HEAD" ? req.bodyInto : undefined;
      const limit = { maxBytes: this.#maxBodyBytes, service: req.service, url: safeUrl };
      const body = await readBody(res.body, Number(res.headers["content-length"]), into, limit, signal);
      return {
        response: {
          status: res.statusCode,
          headers: res.headers as TransportResponse["headers"],
          body,
          url: safeUrl,
        },
      };
    } catch (error) {
      if (deadline.signal.aborted && !req.signal?.aborted) {
        const elapsedMs = Math.round(performance.now() - started);
        throw new TimeoutError(
          `${req.service} request timed out after ${this.#timeoutMs} ms: ${req.method} ${safeUrl} (headers and body must arrive within timeoutMs; stopped after ${elapsedMs} ms). Raise timeoutMs if the service is slow.`,
          this.#timeoutMs,
          { kind: "deadline", elapsedMs, url: safeUrl },
        );
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  #httpError(req: TransportRequest, res: TransportResponse, safeUrl: string): HttpError {
    const api = readApiStatus(res.body);
    return new HttpError({
      status: res.status,
      method: req.method,
      url: safeUrl,
      service: req.service,
      bodyExcerpt: this.redactor.scrub(excerpt(res.body)),
      apiStatus: api.status && this.redactor.scrub(api.status),
      apiMessage: api.message && this.redactor.scrub(api.message),
      retryAfterSeconds: (() => {
        const ms = parseRetryAfter(res.headers["retry-after"], Date.now());
        return ms === undefined ? undefined : ms / 1000;
      })(),
    });
  }

  #wrapNetworkError(error: unknown, req: TransportRequest, safeUrl: string): KitError {
    if (error instanceof KitError) return error;
    const code = (error as { code?: string })?.code ?? "";
    if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
      return new TimeoutError(
        `${req.service} request timed out after ${this.#timeoutMs} ms: ${req.method} ${safeUrl}. Raise timeoutMs if the service is slow.`,
        this.#timeoutMs,
        { cause: error, kind: "idle", url: safeUrl },
      );
    }
    const cause = (error as { cause?: { code?: string } })?.cause;
    const reason = code || cause?.code || (error instanceof Error ? error.message : String(error));
    return new NetworkError(req.service, req.method, safeUrl, this.redactor.scrub(String(reason)), {
      cause: error,
    });
  }

  async #wait(
    attempt: number,
    retryAfterMs: number | undefined,
    req: TransportRequest,
    why: string,
  ): Promise<void> {
    const delay = retryDelay(attempt, this.#retry, retryAfterMs);
    this.log.debug?.(`retry ${attempt + 1}/${this.#retry.limit} in ${delay} ms after: ${why}`);
    try {
      await sleep(delay, undefined, req.signal ? { signal: req.signal } : undefined);
    } catch (error) {
      // Only an abort ends the sleep early; anything else is unexpected.
      if (!req.signal?.aborted) throw error;
      throwIfAborted(req.signal, req.service, req.method, redactUrl(req.url));
    }
  }
}

interface Outcome {
  response: TransportResponse;
}

function authHint(service: ServiceName): string {
  return String(service).startsWith("Anaplan")
    ? "Check the Anaplan e-mail and password, certificate and key, or token"
    : "Check the EPM user name and password (plain user name, no identity-domain prefix) or OAuth token";
}

function throwIfAborted(
  signal: AbortSignal | undefined,
  service: ServiceName,
  method: string,
  url: string,
): void {
  if (signal?.aborted) {
    throw new KitError("E_ABORTED", `${service} request was aborted: ${method} ${url}`, {
      cause: signal.reason,
    });
  }
}

/**
 * How many times one request is sent again after a 401 with renewed credentials (a renewal
 * shared with every request in flight) before the 401 is final: an AuthError.
 */
export const MAX_AUTH_RENEWALS = 8;
/** Default {@link TransportOptions.timeoutMs}: 60 s. */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** Default {@link TransportOptions.maxBodyBytes}: 256 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024 * 1024;
/** The abort reason of a deadline (told apart from the caller's own abort). */
const DEADLINE = new Error("the request deadline (timeoutMs) passed");

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`Transport option ${name} must be a positive number, got ${value}`);
  }
  return value;
}

/**
 * Stops reading a body the kit refuses or gave up on: undici answers the destroy with a
 * "Request aborted" error event, which must be listened to, or it would crash the process as an
 * unhandled 'error'.
 */
function discard(stream: Readable): void {
  // Any error after this point is moot: the caller already has the refusal or the timeout.
  stream.on("error", () => undefined);
  stream.destroy();
}

interface BodyLimit {
  maxBytes: number;
  service: ServiceName;
  url: string;
}

function tooLarge(limit: BodyLimit, observed: number, announced: boolean): PayloadError {
  return new PayloadError(
    `${limit.service} sent a body ${announced ? "announced as" : "of at least"} ${observed} bytes, more than maxBodyBytes (${limit.maxBytes}): GET ${limit.url}. Raise maxBodyBytes if such bodies are expected, or lower pageSize.`,
    "",
    { bound: { name: "maxBodyBytes", limit: limit.maxBytes, observed }, url: limit.url },
  );
}

/**
 * Reads a whole response body, into `bodyInto`'s buffer when it gives one, refusing more than
 * `limit.maxBytes` (announced or received) and stopping when `signal` aborts.
 */
async function readBody(
  stream: Readable,
  length: number,
  bodyInto: ((length: number) => Uint8Array | undefined) | undefined,
  limit: BodyLimit,
  signal: AbortSignal,
): Promise<Buffer> {
  const known = Number.isSafeInteger(length) && length >= 0;
  if (known && length > limit.maxBytes) {
    discard(stream);
    throw tooLarge(limit, length, true);
  }
  const target = bodyInto && known && length > 0 ? bodyInto(length) : undefined;
  const into = target && target.byteLength >= length ? target : undefined;
  const chunks: Buffer[] = [];
  let at = 0;
  // 'data' events rather than `for await`: no promise and iterator step per chunk (~90 chunks a
  // page), a third of the main thread's time spent reading bodies.
  await new Promise<void>((resolve, reject) => {
    const fail = (error: unknown) => {
      signal.removeEventListener("abort", onAbort);
      discard(stream);
      reject(error);
    };
    const onAbort = () => fail(signal.reason);
    if (signal.aborted) return fail(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    stream.on("data", (chunk: Buffer) => {
      if (at + chunk.length > limit.maxBytes) return fail(tooLarge(limit, at + chunk.length, false));
      if (into) {
        if (at + chunk.length > length) {
          return fail(new Error(`the body is longer than its Content-Length (${length})`));
        }
        into.set(chunk, at);
      } else {
        chunks.push(chunk);
      }
      at += chunk.length;
    });
    const done = () => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    };
    stream.once("end", done);
    stream.on("error", fail);
    // Closed without an end or an error: cut short, which the check below reports.
    stream.once("close", done);
  });
  if (known && into && at !== length) {
    throw new Error(`the body ended after ${at} of its ${length} bytes (Content-Length)`);
  }
  if (into) return Buffer.from(into.buffer, into.byteOffset, length);
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, at);
}
