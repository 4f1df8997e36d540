import { KitError } from "./kit-error.js";

/**
 * Which remote service a request went to. Used in messages so a user knows where to look.
 *
 * @example
 * ```ts
 * const service: ServiceName = "Oracle EPM";
 * ```
 */
export type ServiceName = "Anaplan auth" | "Anaplan audit" | "Anaplan users" | "Oracle EPM" | (string & {});

/**
 * Details carried by an {@link HttpError}.
 *
 * @example
 * ```ts
 * const details: HttpErrorDetails = { status: 429, method: "GET", url: "https://audit.anaplan.com/audit/api/1/events", service: "Anaplan audit", retryAfterSeconds: 30 };
 * ```
 */
export interface HttpErrorDetails {
  /** HTTP status; 0 for a failure before a response. */
  status: number;
  /** Status text, e.g. "Unauthorized". @default "" */
  statusText?: string;
  /** HTTP method. */
  method: string;
  /** Request URL with credentials and token-like query parameters removed. */
  url: string;
  /** Remote service name. */
  service: ServiceName;
  /** A short, redacted excerpt of the response body. @default "" */
  bodyExcerpt?: string;
  /** The API's own status code from the body (`FAILURE_BAD_REQUEST`, `EPMCSS-00001`, …). @default undefined */
  apiStatus?: string | undefined;
  /** The API's own message from the body. @default undefined */
  apiMessage?: string | undefined;
  /** Seconds the server asked to wait (Retry-After), if it said. @default undefined */
  retryAfterSeconds?: number | undefined;
  /** Advice appended to the message. @default undefined */
  hint?: string | undefined;
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  408: "Request Timeout",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/**
 * A request that got an HTTP error status (after retries, where retrying made sense).
 *
 * @example
 * ```ts
 * err.message
 * //=> "Anaplan audit request failed with status 400 Bad Request (FAILURE_BAD_REQUEST: Date range cannot exceed 30 days): GET http://127.0.0.1:4010/anaplan/audit/audit/api/1/events?..."
 * ```
 */
export class HttpError extends KitError {
  override name = "HttpError";
  readonly status: number;
  readonly method: string;
  readonly url: string;
  readonly service: ServiceName;
  readonly bodyExcerpt: string;
  readonly apiStatus: string | undefined;
  readonly apiMessage: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(details: HttpErrorDetails, code = "E_HTTP", options: { cause?: unknown } = {}) {
    const text = details.statusText || STATUS_TEXT[details.status] || "";
    const api = details.apiStatus
      ? ` (${details.apiStatus}${details.apiMessage ? `: ${details.apiMessage}` : ""})`
      : details.apiMessage
        ? ` (${details.apiMessage})`
        : "";
    const hint = details.hint ? `. ${details.hint}` : "";
    super(
      code,
      `${details.service} request failed with status ${details.status}${text ? ` ${text}` : ""}${api}: ${details.method} ${details.url}${hint}`,
      options,
    );
    this.status = details.status;
    this.method = details.method;
    this.url = details.url;
    this.service = details.service;
    this.bodyExcerpt = details.bodyExcerpt ?? "";
    this.apiStatus = details.apiStatus;
    this.apiMessage = details.apiMessage;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }

  /**
   * The details of this error with new advice, to re-throw it as a more specific error
   * (AuthError, MissingRoleError) that keeps the status, URL and the API's own code.
   *
   * @param hint - advice appended to the new error's message
   * @returns details for the new error
   * @example
   * ```ts
   * throw new AuthError(error.details("Check the password"), { cause: error });
   * ```
   */
  details(hint?: string): HttpErrorDetails {
    return {
      status: this.status,
      method: this.method,
      url: this.url,
      service: this.service,
      bodyExcerpt: this.bodyExcerpt,
      apiStatus: this.apiStatus,
      apiMessage: this.apiMessage,
      retryAfterSeconds: this.retryAfterSeconds,
      hint,
    };
  }
}

/**
 * Tells whether a value is an {@link HttpError} (works across realms).
 *
 * @example
 * ```ts
 * if (isHttpError(error) && error.status === 401) console.log("check credentials");
 * ```
 */
export function isHttpError(value: unknown): value is HttpError {
  return value instanceof HttpError || (value instanceof Error && value.name === "HttpError");
}
