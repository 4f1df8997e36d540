/**
 * Options accepted by every kit error.
 *
 * @example
 * ```ts
 * const options: KitErrorOptions = { cause: error };
 * ```
 */
export interface KitErrorOptions {
  /** The underlying error, if any. @default undefined */
  cause?: unknown;
}

/**
 * Base class of every error the kit throws. `code` is stable and safe to branch on;
 * `message` says what went wrong and what to do, and never contains a secret.
 *
 * @example
 * ```ts
 * try { await anaplan.audit.getEvents(14); }
 * catch (error) { if (isKitError(error)) console.error(error.code); }
 * //=> "E_HTTP"
 * ```
 */
export class KitError extends Error {
  override name = "KitError";
  /** A stable machine-readable code such as `E_HTTP` or `E_PAYLOAD`. */
  readonly code: string;

  constructor(code: string, message: string, options: KitErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
  }

  /** True on every kit error, also across realms where `instanceof` fails. */
  get isKitError(): true {
    return true;
  }
}

/**
 * Tells whether a value is an error thrown by the kit (works across realms).
 *
 * @param value - anything caught
 * @returns true when `value` is a {@link KitError}
 * @example
 * ```ts
 * isKitError(new ValidationError("bad range")) //=> true
 * ```
 */
export function isKitError(value: unknown): value is KitError {
  return (
    value instanceof KitError ||
    (value instanceof Error && (value as { isKitError?: unknown }).isKitError === true)
  );
}
