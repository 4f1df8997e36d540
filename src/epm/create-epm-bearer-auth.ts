import { ValidationError } from "../errors/validation-error.js";
import type { Redactor } from "../http/redact.js";
import type { AuthHook } from "../http/transport.js";
import { epmUnauthorized } from "./epm-unauthorized.js";

/**
 * An OAuth access token, or a function that returns a current one (it may cache and refresh).
 *
 * @example
 * ```ts
 * const token: EpmTokenSource = async () => (await vault.read("epm-token")).value;
 * ```
 */
export type EpmTokenSource = string | (() => string | Promise<string>);

/**
 * Options of {@link createEpmBearerAuth}.
 *
 * @example
 * ```ts
 * const options: EpmBearerAuthOptions = { token: async () => fetchTokenFromVault() };
 * ```
 */
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
 * @throws {@link ValidationError} when the token is missing, or holds whitespace inside, a control
 * or a non-ASCII character (surrounding whitespace is dropped); the token is never shown
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
  const fixed = typeof token === "string" ? checkToken(token, "the token", redactor) : undefined;
  return {
    async headers() {
      const value =
        fixed ?? checkToken(await (token as () => unknown)(), "the token function's token", redactor);
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

/**
 * Registers a token with the redactor (as given and trimmed), then checks it: surrounding
 * whitespace (a line break left by a file or a shell) is dropped; anything but visible ASCII
 * inside is refused without showing a single character of it.
 */
function checkToken(value: unknown, what: string, redactor: Redactor | undefined): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new ValidationError(`[epm-auth] ${what} is missing or empty: pass an OAuth access token.`);
  }
  const trimmed = value.trim();
  redactor?.add(value);
  redactor?.add(trimmed);
  if (!/^[\x21-\x7e]+$/.test(trimmed)) {
    throw new ValidationError(
      `[epm-auth] ${what} (${trimmed.length} characters) holds whitespace, a control character or a non-ASCII character, which no OAuth access token has: copy the token again, whole and on one line. It was not sent.`,
    );
  }
  return trimmed;
}
