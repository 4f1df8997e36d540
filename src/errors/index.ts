export { AuthError, MissingRoleError } from "./auth-error.js";
export { HttpError, type HttpErrorDetails, isHttpError, type ServiceName } from "./http-error.js";
export { IncompleteResultError, type ResultGap } from "./incomplete-result-error.js";
export { isKitError, KitError, type KitErrorOptions } from "./kit-error.js";
export { NetworkError, TimeoutError } from "./network-error.js";
export { type PayloadBound, PayloadError, type PayloadErrorOptions } from "./payload-error.js";
export { ValidationError } from "./validation-error.js";
