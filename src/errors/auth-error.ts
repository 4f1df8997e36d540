import { HttpError, type HttpErrorDetails } from "./http-error.js";

/**
 * The service refused the credentials (bad password, unknown user, expired certificate, a
 * token that could not be refreshed). Never retried in a loop.
 *
 * @example
 * ```ts
 * err.code //=> "E_AUTH"
 * ```
 */
export class AuthError extends HttpError {
  override name = "AuthError";

  constructor(details: HttpErrorDetails, options: { cause?: unknown } = {}) {
    super(details, "E_AUTH", options);
  }
}

/**
 * Anaplan answered 401 `FAILURE_UNAUTHORIZED_USER_ACTION`: the credentials are valid but the
 * user lacks the role the API needs (Tenant Auditor for the Audit API). Re-authenticating does
 * not help, so the kit fails at once.
 *
 * @example
 * ```ts
 * err.code //=> "E_MISSING_ROLE"
 * ```
 */
export class MissingRoleError extends HttpError {
  override name = "MissingRoleError";

  constructor(details: HttpErrorDetails, options: { cause?: unknown } = {}) {
    super(details, "E_MISSING_ROLE", options);
  }
}
