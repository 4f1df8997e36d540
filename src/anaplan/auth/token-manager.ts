import { AuthError, MissingRoleError } from "../../errors/auth-error.js";
import type { HttpError } from "../../errors/http-error.js";
import type { AuthHook } from "../../http/transport.js";
import type { AnaplanToken, AuthContext, AuthStrategy } from "./auth-strategy.js";
import { readTokenResponse } from "./read-token-response.js";

/** Tokens are renewed this long before they expire (5 minutes). */
export const REFRESH_MARGIN_MS = 5 * 60_000;

/** Counts of what the token manager did, for tests and diagnostics. */
export interface TokenStats {
  /** Sign-ins with the strategy (basic, certificate). */
  authentications: number;
  /** Successful `POST /token/refresh` calls. */
  refreshes: number;
}

/**
 * Holds the Anaplan token of one client and hands out `AnaplanAuthToken` headers. It signs in
 * lazily, and renews the token 5 minutes before `expiresAt` (by the client's clock) and on a
 * 401 — with `POST /token/refresh`, falling back to a new sign-in when that fails. Renewals
 * are single-flight: any number of concurrent requests cause one call to the auth service.
 * A 401 `FAILURE_UNAUTHORIZED_USER_ACTION` (missing role) fails at once, without signing in.
 *
 * @example
 * ```ts
 * const tokens = new TokenManager(new BasicAuth(email, password), context);
 * await transport.request({ method: "GET", url, service: "Anaplan audit", auth: tokens.hook() });
 * ```
 */
export class TokenManager {
  readonly stats: TokenStats = { authentications: 0, refreshes: 0 };
  readonly #strategy: AuthStrategy;
  readonly #context: AuthContext;
  #token: AnaplanToken | undefined;
  /** When the current token was obtained (client clock), to size the renewal margin. */
  #obtainedAt = 0;
  #pending: Promise<AnaplanToken> | undefined;

  /**
   * @param strategy - how to sign in
   * @param context - transport, auth URL, clock and redactor of the client
   */
  constructor(strategy: AuthStrategy, context: AuthContext) {
    this.#strategy = strategy;
    this.#context = context;
  }

  /**
   * A fresh auth hook for one request: it remembers which token the request carried, so a 401
   * renews the token only if nobody renewed it since.
   *
   * @returns the hook to pass as `auth` to the transport
   */
  hook(): AuthHook {
    let used: AnaplanToken | undefined;
    return {
      headers: async () => {
        used = await this.token();
        return { authorization: `AnaplanAuthToken ${used.value}` };
      },
      onUnauthorized: (error) => this.#onUnauthorized(error, used),
    };
  }

  /**
   * The current token, signing in or renewing first when needed.
   *
   * @returns a token valid for at least 5 more minutes (when its expiry is known)
   * @throws {@link AuthError} when signing in fails
   */
  async token(): Promise<AnaplanToken> {
    if (this.#pending) return this.#pending;
    const token = this.#token;
    if (!token) return this.#renew(() => this.#authenticate());
    if (
      token.expiresAt !== undefined &&
      this.#context.now() >= token.expiresAt - this.#margin(token.expiresAt)
    ) {
      return this.#renew(() => this.#refreshOrAuthenticate(token));
    }
    return token;
  }

  async #onUnauthorized(error: HttpError, used: AnaplanToken | undefined): Promise<boolean> {
    if (error.apiStatus === "FAILURE_UNAUTHORIZED_USER_ACTION") {
      throw new MissingRoleError(error.details(missingRoleHint(String(error.service))), {
        cause: error,
      });
    }
    if (!this.#strategy.renewable) {
      throw new AuthError(
        error.details(
          "Anaplan refused the token (expired or revoked) and a static token cannot be renewed: supply a fresh token, or credentials (email and password, or certificate and private key) so the kit can sign in again",
        ),
        { cause: error },
      );
    }
    const stale = this.#token;
    if (this.#pending) await this.#pending;
    else if (stale && stale === used) await this.#renew(() => this.#refreshOrAuthenticate(stale));
    else if (!stale) await this.token();
    return true;
  }

  #renew(get: () => Promise<AnaplanToken>): Promise<AnaplanToken> {
    const pending = get().then(
      (fresh) => {
        const now = this.#context.now();
        // A token already expired by our clock when it arrives means the clocks disagree: its
        // expiresAt cannot be used (it would renew before every request), so rely on 401s.
        const token =
          fresh.expiresAt !== undefined && fresh.expiresAt <= now
            ? { ...fresh, expiresAt: undefined }
            : fresh;
        if (token !== fresh) {
          this.#context.transport.log.debug?.(
            "the new Anaplan token's expiresAt is already past by this machine's clock (clock skew?); renewing on 401 only",
          );
        }
        this.#token = token;
        this.#obtainedAt = now;
        this.#pending = undefined;
        return token;
      },
      (error: unknown) => {
        this.#pending = undefined;
        throw error;
      },
    );
    this.#pending = pending;
    return pending;
  }

  /** 5 minutes, or half the token's life when it is shorter than 10 minutes (no refresh storm). */
  #margin(expiresAt: number): number {
    return Math.min(REFRESH_MARGIN_MS, Math.max(0, (expiresAt - this.#obtainedAt) / 2));
  }

  async #authenticate(): Promise<AnaplanToken> {
    this.stats.authentications++;
    this.#token = undefined;
    return this.#strategy.authenticate(this.#context);
  }

  async #refreshOrAuthenticate(token: AnaplanToken): Promise<AnaplanToken> {
    // An OAuth access token is renewed with its refresh token, not with /token/refresh.
    if (this.#strategy.kind === "oauth") return this.#authenticate();
    try {
      const res = await this.#context.transport.request({
        method: "POST",
        url: `${this.#context.authUrl}/token/refresh`,
        service: "Anaplan auth",
        headers: { authorization: `AnaplanAuthToken ${token.value}` },
        retry: true,
      });
      const fresh = readTokenResponse(res.body, this.#context.redactor);
      this.stats.refreshes++;
      return fresh;
    } catch (error) {
      this.#context.transport.log.debug?.(
        `token refresh failed, signing in again: ${error instanceof Error ? error.message : String(error)}`,
      );
      return this.#authenticate();
    }
  }
}

function missingRoleHint(service: string): string {
  return service === "Anaplan users"
    ? "The user signed in but lacks the role the user list needs (Workspace Administrator or a tenant-level role such as Tenant Auditor); ask a Tenant Administrator to assign one, then run again. The kit does not sign in again for this"
    : "The user signed in but lacks the Tenant Auditor role, which the Anaplan Audit API requires; ask a Tenant Administrator to assign Tenant Auditor to this user, then run again. The kit does not sign in again for this";
}
