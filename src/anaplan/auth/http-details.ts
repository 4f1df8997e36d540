import type { HttpError, HttpErrorDetails } from "../../errors/http-error.js";

/**
 * The details of an {@link HttpError}, with a new hint, to re-throw it as a more specific error
 * (AuthError, MissingRoleError) that keeps status, URL and the API's own code.
 *
 * @param error - the error to copy
 * @param hint - advice appended to the message
 * @returns details for the new error
 * @example
 * ```ts
 * throw new AuthError(detailsWithHint(error, "Check the password"), { cause: error });
 * ```
 */
export function detailsWithHint(error: HttpError, hint: string): HttpErrorDetails {
  return {
    status: error.status,
    method: error.method,
    url: error.url,
    service: error.service,
    bodyExcerpt: error.bodyExcerpt,
    apiStatus: error.apiStatus,
    apiMessage: error.apiMessage,
    retryAfterSeconds: error.retryAfterSeconds,
    hint,
  };
}
