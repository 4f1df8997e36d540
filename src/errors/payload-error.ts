import { KitError } from "./kit-error.js";

/**
 * Which bound a response broke, with the numbers: the limit in force and what the server sent.
 * Present on a {@link PayloadError} raised by a sanity limit (not on one for malformed JSON).
 *
 * @example
 * ```ts
 * const bound: PayloadBound = { name: "maxJsonBytes", limit: 10_000_000, observed: 12_500_000 };
 * ```
 */
export interface PayloadBound {
  /** The option or rule that was broken, e.g. `maxTotalSize`, `maxBodyBytes`, `pageRows`. */
  name: string;
  /** The limit in force. */
  limit: number;
  /** What the server sent (or announced). */
  observed: number;
}

/**
 * Options of a {@link PayloadError}.
 *
 * @example
 * ```ts
 * const options: PayloadErrorOptions = { bound: { name: "maxJsonDepth", limit: 64, observed: 80 }, url: "https://audit.anaplan.com/audit/api/1/events" };
 * ```
 */
export interface PayloadErrorOptions {
  /** The underlying error. @default undefined */
  cause?: unknown;
  /** The bound broken, for a sanity-limit violation. @default undefined */
  bound?: PayloadBound | undefined;
  /** The redacted URL of the response. @default undefined */
  url?: string | undefined;
}

/**
 * A response arrived but its body is not what the API promises: malformed or truncated JSON,
 * an HTML error page, a CSV without a header — or it breaks a sanity limit (a `totalSize`, page,
 * body size or JSON depth beyond what the kit accepts, or paging that makes no progress), in
 * which case `bound` carries the limit and the observed number. Never returned as a partial frame.
 *
 * @example
 * ```ts
 * err.message //=> "Anaplan audit returned a body that is not JSON (looks like an HTML page): GET http://…/events. Body starts: <html><head><title>502 …"
 * err.bound //=> { name: "maxTotalSize", limit: 5000000, observed: 9007199254740991 }
 * ```
 */
export class PayloadError extends KitError {
  override name = "PayloadError";
  /** A short redacted excerpt of the offending body. */
  readonly bodyExcerpt: string;
  /** The sanity limit broken, if that is what happened. */
  readonly bound: PayloadBound | undefined;
  /** The redacted URL of the offending response, when known. */
  readonly url: string | undefined;

  constructor(message: string, bodyExcerpt = "", options: PayloadErrorOptions = {}) {
    super("E_PAYLOAD", message, options);
    this.bodyExcerpt = bodyExcerpt;
    this.bound = options.bound;
    this.url = options.url;
  }
}
