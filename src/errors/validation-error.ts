import { KitError } from "./kit-error.js";

/**
 * Input the kit refuses before calling any service: a date range the API would reject, a
 * malformed date, missing credentials.
 *
 * @example
 * ```ts
 * await anaplan.audit.getEvents(45);
 * //=> ValidationError: Anaplan keeps audit events for 30 days: 45 days back is out of reach. Use days <= 30, or read older events from an archive (syncArchive).
 * ```
 */
export class ValidationError extends KitError {
  override name = "ValidationError";

  constructor(message: string, options: { cause?: unknown } = {}) {
    super("E_VALIDATION", message, options);
  }
}
