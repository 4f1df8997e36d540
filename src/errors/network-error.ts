import { KitError } from "./kit-error.js";

/**
 * The request never got an HTTP response: connection refused or reset, DNS failure, or a
 * body cut short. `cause` holds undici's error.
 *
 * @example
 * ```ts
 * err.message //=> "Anaplan audit request failed before a response (ECONNREFUSED): GET http://127.0.0.1:9/events. Check the URL and your network."
 * ```
 */
export class NetworkError extends KitError {
  override name = "NetworkError";
  readonly method: string;
  readonly url: string;
  readonly service: string;

  constructor(
    service: string,
    method: string,
    url: string,
    reason: string,
    options: { cause?: unknown } = {},
  ) {
    super(
      "E_NETWORK",
      `${service} request failed before a response (${reason}): ${method} ${url}. Check the URL and your network.`,
      options,
    );
    this.method = method;
    this.url = url;
    this.service = service;
  }
}

/**
 * A request or a whole operation took longer than its time limit.
 *
 * @example
 * ```ts
 * err.message //=> "Oracle EPM request timed out after 30000 ms: GET https://epm.example.com/interop/rest/v2/jobs/1. Raise timeoutMs if the service is slow."
 * ```
 */
export class TimeoutError extends KitError {
  override name = "TimeoutError";
  /** The limit that was reached, in ms. */
  readonly timeoutMs: number;
  /** Which limit: `"deadline"` (the whole attempt), `"idle"` (silence) or `"operation"`. @default "operation" */
  readonly kind: "deadline" | "idle" | "operation";
  /** Milliseconds elapsed when the limit fired, when measured. */
  readonly elapsedMs: number | undefined;
  /** The redacted URL, for a request. */
  readonly url: string | undefined;

  constructor(
    message: string,
    timeoutMs: number,
    options: {
      cause?: unknown;
      kind?: "deadline" | "idle" | "operation";
      elapsedMs?: number;
      url?: string;
    } = {},
  ) {
    super("E_TIMEOUT", message, options);
    this.timeoutMs = timeoutMs;
    this.kind = options.kind ?? "operation";
    this.elapsedMs = options.elapsedMs;
    this.url = options.url;
  }
}
