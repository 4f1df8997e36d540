/**
 * `epm-audit-kit/errors`: every error the kit throws. All are {@link KitError} subclasses with a
 * stable `code`, a message that says what went wrong and what to do, and no secrets.
 *
 * To make a name public: add it to the list below, run `npm run api:update`, commit the report.
 *
 * @packageDocumentation
 */

export { ArchiveError, type ArchiveErrorCode } from "../archive/archive-error.js";
export { EpmJobError, type EpmJobErrorDetails } from "../epm/epm-job-error.js";
export { AuthError, MissingRoleError } from "./auth-error.js";
export { EntitlementRoleError } from "./entitlement-role-error.js";
export { HttpError, type HttpErrorDetails, isHttpError, type ServiceName } from "./http-error.js";
export { IncompleteResultError, type ResultGap } from "./incomplete-result-error.js";
export { isKitError, KitError, type KitErrorOptions } from "./kit-error.js";
export { NetworkError, TimeoutError } from "./network-error.js";
export { NotebookError, type NotebookErrorDetails } from "./notebook-error.js";
export { type PayloadBound, PayloadError, type PayloadErrorOptions } from "./payload-error.js";
export { ValidationError } from "./validation-error.js";
