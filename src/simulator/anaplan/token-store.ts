import { randomBytes, randomUUID } from "node:crypto";
import type { TenantUser } from "./anaplan-tenant.js";

/** A token the simulated auth service issued. */
export interface IssuedToken {
  tokenId: string;
  tokenValue: string;
  refreshTokenId: string;
  /** Epoch ms on the simulated clock. */
  expiresAt: number;
  user: TenantUser;
  loggedOut: boolean;
}

/** Why a token was refused: unknown (or logged out), or expired. */
export type TokenProblem = "unknown" | "expired";

/**
 * The tokens the simulated Anaplan auth service issued, with expiry on the simulated clock.
 *
 * @example
 * ```ts
 * const tokens = new TokenStore(() => clock.now(), () => 35 * 60_000);
 * const t = tokens.issue(user);
 * tokens.check(t.tokenValue) //=> the token
 * ```
 */
export class TokenStore {
  readonly #tokens = new Map<string, IssuedToken>();
  readonly #now: () => number;
  readonly #lifetime: () => number;

  /**
   * @param now - the simulated clock
   * @param lifetimeMs - current token lifetime (read at each issue and refresh)
   */
  constructor(now: () => number, lifetimeMs: () => number) {
    this.#now = now;
    this.#lifetime = lifetimeMs;
  }

  /** Issues a new token for a user. */
  issue(user: TenantUser): IssuedToken {
    this.#prune();
    const token: IssuedToken = {
      tokenId: randomUUID(),
      tokenValue: randomBytes(36).toString("base64url"),
      refreshTokenId: randomUUID(),
      expiresAt: this.#now() + this.#lifetime(),
      user,
      loggedOut: false,
    };
    this.#tokens.set(token.tokenValue, token);
    return token;
  }

  /** The live token with this value, or why it is refused. */
  check(tokenValue: string): IssuedToken | TokenProblem {
    const token = this.#tokens.get(tokenValue);
    if (!token || token.loggedOut) return "unknown";
    if (token.expiresAt <= this.#now()) return "expired";
    return token;
  }

  /**
   * Extends a token's life (same value, later expiry), as `/token/refresh` does.
   *
   * @param allowExpired - also revive a token that already expired (not one logged out)
   */
  refresh(tokenValue: string, allowExpired: boolean): IssuedToken | TokenProblem {
    const token = this.#tokens.get(tokenValue);
    if (!token || token.loggedOut) return "unknown";
    if (token.expiresAt <= this.#now() && !allowExpired) return "expired";
    token.expiresAt = this.#now() + this.#lifetime();
    return token;
  }

  /** Invalidates a token (logout). Returns false when it was not live. */
  logout(tokenValue: string): boolean {
    const token = this.#tokens.get(tokenValue);
    if (!token || token.loggedOut) return false;
    token.loggedOut = true;
    return true;
  }

  /** Makes every issued token expired now. */
  expireAll(): void {
    const now = this.#now();
    for (const token of this.#tokens.values()) token.expiresAt = Math.min(token.expiresAt, now);
  }

  /** Forgets tokens dead for more than a simulated day (keeps memory bounded). */
  #prune(): void {
    if (this.#tokens.size < 1000) return;
    const limit = this.#now() - 86_400_000;
    for (const [value, token] of this.#tokens)
      if (token.loggedOut || token.expiresAt < limit) this.#tokens.delete(value);
  }
}
