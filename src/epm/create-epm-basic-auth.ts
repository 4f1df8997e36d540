import { ValidationError } from "../errors/validation-error.js";
import type { Redactor } from "../http/redact.js";
import type { AuthHook } from "../http/transport.js";
import { showName } from "./check-epm-file-name.js";
import { epmUnauthorized } from "./epm-unauthorized.js";

/**
 * Options of {@link createEpmBasicAuth}.
 *
 * @example
 * ```ts
 * const options: EpmBasicAuthOptions = { username: "svc_audit", password: process.env.EPM_PASSWORD ?? "" };
 * ```
 */
export interface EpmBasicAuthOptions {
  /** The plain EPM user name (OCI accepts it; the `identitydomain.user` form is being retired). */
  username: string;
  password: string;
  /** Registers the password and the header value so no message can show them. @default undefined */
  redactor?: Redactor;
}

/**
 * HTTP Basic auth for EPM Cloud: `Authorization: Basic base64(username:password)` on every
 * request. A 401 is final (nothing to refresh) and becomes an AuthError with advice.
 *
 * @param options - user name, password and the client's redactor
 * @returns an auth strategy for the transport
 * @throws {@link ValidationError} when the user name or password is missing, or the user name
 * holds a colon or a control character (refused without showing it: it may hold a password)
 * @example
 * ```ts
 * const auth = createEpmBasicAuth({ username: "jdoe", password: "…" });
 * (await auth.headers()).authorization.startsWith("Basic ") //=> true
 * ```
 */
export function createEpmBasicAuth(options: EpmBasicAuthOptions): AuthHook {
  const { username, password } = options;
  if (typeof username !== "string" || username.trim() === "") {
    throw new ValidationError("[epm-auth] no username given: pass { username, password } or { token }.");
  }
  // A user name is shown in messages, so one that may hold a password (user:password pasted
  // into one field) or is garbled is refused without being shown.
  if (username.includes(":")) {
    throw new ValidationError(
      "[epm-auth] the username holds a colon, which HTTP Basic auth cannot carry: pass the plain user name as username and the password separately (it was not sent or shown).",
    );
  }
  if (/[\p{Cc}\u2028\u2029]/u.test(username)) {
    throw new ValidationError(
      "[epm-auth] the username holds a line break or another control character: pass the plain user name on one line (it was not sent or shown).",
    );
  }
  if (typeof password !== "string" || password === "") {
    throw new ValidationError(`[epm-auth] no password given for user ${showName(username)}.`);
  }
  const value = Buffer.from(`${username}:${password}`, "utf8").toString("base64");
  options.redactor?.add(password);
  options.redactor?.add(value);
  const headers = { authorization: `Basic ${value}` };
  return {
    async headers() {
      return headers;
    },
    async onUnauthorized(error) {
      throw epmUnauthorized(
        error,
        `EPM refused user ${showName(username)}: check the password and use the plain user name (no identity-domain prefix); users with multi-factor authentication cannot call the REST APIs with basic auth — use an OAuth token ({ token }) instead`,
      );
    },
  };
}
