import { ValidationError } from "../errors/validation-error.js";
import type { Redactor } from "../http/redact.js";
import type { AuthHook } from "../http/transport.js";
import { epmUnauthorized } from "./epm-unauthorized.js";

/** An OAuth access token, or a function that returns a current one (it may cache and refresh). */
export type EpmTokenSource = string | (() => string | Promise<string>);

/** Options of {@link createEpmBearerAuth}. */
export interface EpmBearerAuthOptions {
  token: EpmTokenSource;
  /** Registers each token so no message can show it. @default undefined */
  redactor?: Redactor;
}

/**
 * OAuth 2 bearer auth for EPM Cloud (OCI / Gen 2): `Authorization: Bearer <token>`. With a
 * token function, a 401 asks it once more for a token and retries; with a fixed token, a 401
 * is final and becomes an AuthError with advice.
 *
 * @param options - the token (or a function giving one) and the client's redactor
 * @returns an auth strategy for the transport
 * @throws {@link ValidationError} when the token is missing
 * @example
 * ```ts
 * const auth = createEpmBearerAuth({ token: process.env.EPM_TOKEN! });
 * (await auth.headers()).authorization.startsWith("Bearer ") //=> true
 * ```
 */
export function createEpmBearerAuth(options: EpmBearerAuthOptions): AuthHook {
  const { token, redactor } = options;
  if (typeof token !== "function" && (typeof token !== "string" || token.trim() === "")) {
    throw new ValidationError("[epm-auth] no token given: pass { token } or { username, password }.");
  }
  if (typeof token === "string") redactor?.add(token);
  return {
    async headers() {
      const value = typeof token === "string" ? token : await token();
      if (typeof value !== "string" || value.trim() === "") {
        throw new ValidationError("[epm-auth] the token function returned no token.");
      }
      redactor?.add(value);
      return { authorization: `Bearer ${value}` };
    },
    async onUnauthorized(error) {
      // A token function gets one more call (the transport allows one retry per request).
      if (typeof token === "function") return true;
      throw epmUnauthorized(
        error,
        "EPM refused the OAuth token: it may have expired (get a new access token from your identity domain) or lack the EPM scope of the service instance",
      );
    },
  };
}
