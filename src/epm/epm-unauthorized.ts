import { AuthError } from "../errors/auth-error.js";
import type { HttpError } from "../errors/http-error.js";

/**
 * The AuthError an EPM 401 becomes, with advice for the strategy in use. Internal helper of
 * the two EPM auth strategies.
 *
 * @param error - the 401 the transport saw (already redacted)
 * @param hint - what to check
 * @returns an AuthError carrying the same request details
 */
export function epmUnauthorized(error: HttpError, hint: string): AuthError {
  return new AuthError(error.details(hint), { cause: error });
}
