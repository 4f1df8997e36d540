import type { OAuthSession } from "../../oauth/oauth-session.js";
import type { AnaplanToken, AuthContext, AuthStrategy } from "./auth-strategy.js";

/**
 * Signs in with a stored OAuth sign-in (`epm-audit-kit login anaplan`): the access token is
 * sent as `AnaplanAuthToken`, as the Audit API requires. Each renewal asks the session for a
 * token other than the one last handed out, so an expired or refused token is refreshed with the
 * refresh token (rotated and stored durably) instead of being sent again.
 *
 * @example
 * ```ts
 * const strategy = new OAuthAuth(new OAuthSession({ store: new CredentialStore(), system: "anaplan" }));
 * ```
 */
export class OAuthAuth implements AuthStrategy {
  readonly kind = "oauth";
  readonly renewable = true;
  readonly #session: OAuthSession;
  #last: string | undefined;

  /** @param session - the stored sign-in */
  constructor(session: OAuthSession) {
    this.#session = session;
  }

  /**
   * A current access token: the first call takes the stored one if still valid; later calls
   * (renewals) never return the token handed out before.
   *
   * @returns the token and its expiry
   * @throws {@link AuthError} when the refresh token is refused (run `login` again)
   */
  async authenticate(context: AuthContext): Promise<AnaplanToken> {
    const token = await this.#session.accessToken(
      { transport: context.transport, redactor: context.redactor },
      this.#last,
    );
    this.#last = token.value;
    context.redactor.add(token.value);
    return { value: token.value, expiresAt: token.expiresAt };
  }
}
