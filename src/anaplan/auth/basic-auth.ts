import type { AnaplanToken, AuthContext, AuthStrategy } from "./auth-strategy.js";
import { requestToken } from "./request-token.js";

/**
 * Basic authentication: `POST {authUrl}/token/authenticate` with
 * `Authorization: Basic base64(email:password)` (answers 201).
 *
 * @example
 * ```ts
 * const strategy = new BasicAuth("auditor@example.com", password);
 * ```
 */
export class BasicAuth implements AuthStrategy {
  readonly kind = "basic";
  readonly renewable = true;
  readonly #email: string;
  readonly #password: string;

  /**
   * @param email - the Anaplan user's e-mail
   * @param password - the password (registered as a secret with the client's redactor)
   */
  constructor(email: string, password: string) {
    this.#email = email;
    this.#password = password;
  }

  /**
   * Signs in and returns the new token.
   *
   * @throws {@link AuthError} when Anaplan refuses the e-mail and password
   */
  async authenticate(context: AuthContext): Promise<AnaplanToken> {
    const basic = Buffer.from(`${this.#email}:${this.#password}`).toString("base64");
    context.redactor.add(this.#password);
    context.redactor.add(basic);
    return requestToken(context, {
      headers: { authorization: `Basic ${basic}` },
      refusedHint:
        "Anaplan refused the e-mail and password: check them (ANAPLAN_EMAIL, ANAPLAN_PASSWORD); a single-sign-on user must be an Exception User to sign in with a password",
    });
  }
}
