import { KitError } from "./kit-error.js";

/**
 * A response arrived but its body is not what the API promises: malformed or truncated JSON,
 * an HTML error page, a CSV without a header. Never returned as a partial frame.
 *
 * @example
 * ```ts
 * err.message //=> "Anaplan audit returned a body that is not JSON (looks like an HTML page): GET http://…/events. Body starts: <html><head><title>502 …"
 * ```
 */
export class PayloadError extends KitError {
  override name = "PayloadError";
  /** A short redacted excerpt of the offending body. */
  readonly bodyExcerpt: string;

  constructor(message: string, bodyExcerpt = "", options: { cause?: unknown } = {}) {
    super("E_PAYLOAD", message, options);
    this.bodyExcerpt = bodyExcerpt;
  }
}
