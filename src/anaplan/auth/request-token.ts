import { AuthError } from "../../errors/auth-error.js";
import { isHttpError } from "../../errors/http-error.js";
import type { AnaplanToken, AuthContext } from "./auth-strategy.js";
import { readTokenResponse } from "./read-token-response.js";

/** What one sign-in sends. */
export interface RequestTokenOptions {
  /** The Authorization header and any others. */
  headers: Record<string, string>;
  /** The body, or a function making it afresh per attempt (a signed payload must not be replayed). @default no body */
  body?: () => string;
  /** What to check when Anaplan refuses the credentials (401/403). */
  refusedHint: string;
}

/**
 * Signs in once: `POST {authUrl}/token/authenticate`, retried on 5xx and connection errors
 * (signing in twice is harmless), and reads the token response. Shared by the basic and
 * certificate strategies.
 *
 * @param context - transport, auth URL and redactor
 * @param options - headers, body factory and the advice for a refusal
 * @returns the token
 * @throws {@link AuthError} with `refusedHint` when Anaplan answers 401 or 403
 * @example
 * ```ts
 * const token = await requestToken(context, { headers: { authorization: `Basic ${b64}` }, refusedHint: "check the password" });
 * ```
 */
export async function requestToken(
  context: AuthContext,
  options: RequestTokenOptions,
): Promise<AnaplanToken> {
  try {
    const res = await context.transport.request({
      method: "POST",
      url: `${context.authUrl}/token/authenticate`,
      service: "Anaplan auth",
      headers: options.headers,
      ...(options.body ? { body: options.body } : {}),
      retry: true,
    });
    return readTokenResponse(res.body, context.redactor);
  } catch (error) {
    if (isHttpError(error) && (error.status === 401 || error.status === 403)) {
      throw new AuthError(error.details(options.refusedHint), { cause: error });
    }
    throw error;
  }
}
