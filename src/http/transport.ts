import type { Readable } from "node:stream";
import { setTimeout as sleep } from "node:timers/promises";
import { Agent, type Dispatcher, request as undiciRequest } from "undici";
import { AuthError } from "../errors/auth-error.js";
import { HttpError, type ServiceName } from "../errors/http-error.js";
import { KitError } from "../errors/kit-error.js";
import { NetworkError, TimeoutError } from "../errors/network-error.js";
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
   * Called on a 401. Return true to retry once with fresh headers; throw a more specific error
   * (e.g. a missing role); or return false to fail with an AuthError.
   */
  onUnauthorized?(error: HttpError): Promise<boolean>;
}

/** Options of a {@link Transport}. */
export interface TransportOptions {
  /** Requests in flight at once, across hosts; also the keep-alive connections per host. @default 4 */
  maxConcurrency?: number;
  /** Time limit of one attempt, for the headers and between body chunks, in ms. @default 60000 */
  timeoutMs?: number;
  /** Retry policy for idempotent requests. @default { limit: 3, baseDelayMs: 300, maxDelayMs: 10000 } */
  retry?: RetryOptions;
  /** An undici dispatcher to use instead of the transport's own keep-alive Agent (e.g. a MockAgent). @default undefined */
  dispatcher?: Dispatcher;
  /** Where warnings and retry notes go. @default writes warnings to stderr */
  log?: TransportLog;
  /** Scrubs secrets from messages; share one between a client's auth and transport. @default a new Redactor */
  redactor?: Redactor;
}

/** Minimal logger. */
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
  readonly #retry: Required<RetryOptions>;

  constructor(options: TransportOptions = {}) {
    const concurrency = options.maxConcurrency ?? 4;
    this.#timeoutMs = options.timeoutMs ?? 60_000;
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
    let refreshedAuth = false;
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
      if (response.status === 401 && req.auth?.onUnauthorized && !refreshedAuth) {
        refreshedAuth = true;
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
    const res = await undiciRequest(req.url, {
      method: req.method,
      headers,
      body: (typeof req.body === "function" ? req.body() : req.body) ?? null,
      dispatcher: this.#dispatcher,
      signal: req.signal ?? null,
      headersTimeout: this.#timeoutMs,
      bodyTimeout: this.#timeoutMs,
    });
    // Only a 200 surely has the body its Content-Length announces (a 204 or HEAD has none).
    const into = res.statusCode === 200 && req.method !== "HEAD" ? req.bodyInto : undefined;
    const body = await readBody(res.body, Number(res.headers["content-length"]), into);
    return {
      response: {
        status: res.statusCode,
        headers: res.headers as TransportResponse["headers"],
        body,
        url: safeUrl,
      },
    };
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
        { cause: error },
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
    } catch {
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

/** Reads a whole response body, into `bodyInto`'s buffer when it gives one. */
async function readBody(
  stream: Readable & { arrayBuffer(): Promise<ArrayBuffer> },
  length: number,
  bodyInto: ((length: number) => Uint8Array | undefined) | undefined,
): Promise<Buffer> {
  const target = bodyInto && Number.isSafeInteger(length) && length > 0 ? bodyInto(length) : undefined;
  if (!target || target.byteLength < length) return Buffer.from(await stream.arrayBuffer());
  // 'data' events rather than `for await`: no promise and iterator step per chunk (~90 chunks a
  // page), a third of the main thread's time spent reading bodies.
  let at = 0;
  await new Promise<void>((resolve, reject) => {
    stream.on("data", (chunk: Buffer) => {
      if (at + chunk.length > length) {
        stream.destroy(new Error(`the body is longer than its Content-Length (${length})`));
        return;
      }
      target.set(chunk, at);
      at += chunk.length;
    });
    stream.once("end", resolve);
    stream.once("error", reject);
    // Closed without an end or an error: cut short, which the check below reports.
    stream.once("close", resolve);
  });
  if (at !== length) throw new Error(`the body ended after ${at} of its ${length} bytes (Content-Length)`);
  return Buffer.from(target.buffer, target.byteOffset, length);
}
