import type { AnaplanToken, AuthContext, AuthStrategy } from "./auth-strategy.js";

/**
 * A pre-issued token (from another tool, or an OAuth access token). The kit cannot renew it:
 * when Anaplan refuses it, the client fails with an AuthError asking for a fresh token or for
 * credentials.
 *
 * @example
 * ```ts
 * const strategy = new StaticTokenAuth(process.env.ANAPLAN_TOKEN!);
 * ```
 */
export class StaticTokenAuth implements AuthStrategy {
  readonly kind = "token";
  readonly renewable = false;
  readonly #token: string;

  /** @param token - the `tokenValue` (registered as a secret with the client's redactor) */
  constructor(token: string) {
    this.#token = token.replace(/^AnaplanAuthToken\s+/i, "").trim();
  }

  /**
   * Returns the token as given; its expiry is unknown.
   *
   * @returns the token
   */
  async authenticate(context: AuthContext): Promise<AnaplanToken> {
    context.redactor.add(this.#token);
    return { value: this.#token, expiresAt: undefined };
  }
}
