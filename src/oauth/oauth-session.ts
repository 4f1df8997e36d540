import { isHttpError } from "../errors/http-error.js";
import { ValidationError } from "../errors/validation-error.js";
import type { Redactor } from "../http/redact.js";
import type { Transport } from "../http/transport.js";
import type { CredentialStore, StoredCredential } from "./credential-store.js";
import type { OAuthSystem } from "./oauth-provider.js";
import { refreshOAuthTokens } from "./refresh-oauth-tokens.js";

/**
 * An access token and its expiry.
 *
 * @example
 * ```ts
 * const token: OAuthAccessToken = { value: "eyJhbGciOi...", expiresAt: Date.now() + 3_600_000, obtainedAt: Date.now() };
 * ```
 */
export interface OAuthAccessToken {
  value: string;
  /** Epoch ms. */
  expiresAt: number;
  /** When it was obtained, epoch ms (sizes the renewal margin). */
  obtainedAt: number;
}

/**
 * Options of {@link OAuthSession}.
 *
 * @example
 * ```ts
 * const options: OAuthSessionOptions = { store: credentialStoreFromEnv(), system: "anaplan" };
 * ```
 */
export interface OAuthSessionOptions {
  /** Where the refresh token lives. */
  store: CredentialStore;
  /** Which profile: `anaplan` or `epm`. */
  system: OAuthSystem;
  /** The secret of an authorization-code / confidential client (never stored). @default undefined */
  clientSecret?: string | undefined;
  /** The client id the environment names; a sign-in stored for another client is not used. @default undefined (any) */
  clientId?: string | undefined;
  /** The clock, epoch ms. @default Date.now */
  now?: (() => number) | undefined;
  /** Called once the server answered a refresh, before the new token is written (tests kill the process there). @default undefined */
  onRefreshed?: (() => void) | undefined;
}

/**
 * Access tokens are renewed this long before they expire (5 minutes, or half their life when shorter).
 *
 * @example
 * ```ts
 * OAUTH_REFRESH_MARGIN_MS //=> 5 * 60_000
 * ```
 */
export const OAUTH_REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * Hands out access tokens from a stored OAuth sign-in, refreshing them when they are about to
 * expire or were refused. A refresh runs once at a time in this process (concurrent callers share
 * it) and, through the store's lock, once at a time across processes: under the lock the store is
 * read again, so a token another process just refreshed is used instead of spending the refresh
 * token twice. The rotated refresh token is written durably before the new access token is used.
 *
 * @example
 * ```ts
 * const session = new OAuthSession({ store: new CredentialStore(), system: "anaplan" });
 * const client = new AnaplanClient({ oauth: session });
 * ```
 */
export class OAuthSession {
  /** Which profile this session reads. */
  readonly system: OAuthSystem;
  readonly #options: OAuthSessionOptions;
  readonly #now: () => number;
  #cached: OAuthAccessToken | undefined;
  #pending: Promise<OAuthAccessToken> | undefined;

  /** @param options - store, profile, secret, clock */
  constructor(options: OAuthSessionOptions) {
    this.system = options.system;
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** The store's file path (for messages). */
  get storePath(): string {
    return this.#options.store.path;
  }

  /**
   * A valid access token: the cached one, the one in the store, or a refreshed one.
   *
   * @param context - the client's transport and redactor (the token is registered as a secret)
   * @param rejected - a token the API just refused: it is not handed out again
   * @returns the access token
   * @throws {@link AuthError} when the refresh token is refused (run `login` again)
   * @throws {@link ValidationError} when nothing is stored for this system
   */
  async accessToken(
    context: { transport: Transport; redactor: Redactor },
    rejected?: string,
  ): Promise<OAuthAccessToken> {
    if (this.#cached && this.#usable(this.#cached, rejected)) return this.#cached;
    if (!this.#pending) {
      this.#pending = this.#fromStore(context, rejected).finally(() => {
        this.#pending = undefined;
      });
    }
    const token = await this.#pending;
    // A caller that joined a refresh started for another reason may still hold the refused token.
    return token.value === rejected ? this.accessToken(context) : token;
  }

  /** Valid for more than the margin: 5 minutes, or half its life when that is shorter. */
  #usable(token: OAuthAccessToken, rejected: string | undefined): boolean {
    if (token.value === rejected) return false;
    const margin = Math.min(OAUTH_REFRESH_MARGIN_MS, Math.max(0, (token.expiresAt - token.obtainedAt) / 2));
    return this.#now() < token.expiresAt - margin;
  }

  async #fromStore(
    context: { transport: Transport; redactor: Redactor },
    rejected: string | undefined,
  ): Promise<OAuthAccessToken> {
    const outcome = await this.#options.store.update(async (file) => {
      const stored = file.profiles[this.system];
      if (!stored?.refreshToken) return { error: this.#notLoggedIn() };
      const expected = this.#options.clientId;
      if (expected !== undefined && stored.provider.clientId !== expected) {
        return {
          error: this.#notLoggedIn(
            `the stored sign-in is for another OAuth client (${stored.provider.clientId})`,
          ),
        };
      }
      context.redactor.add(stored.refreshToken);
      context.redactor.add(stored.accessToken);
      const cached = storedAccess(stored);
      if (cached && this.#usable(cached, rejected)) return { token: cached };
      return this.#refresh(stored, context);
    });
    if ("error" in outcome) throw outcome.error;
    this.#cached = outcome.token;
    return outcome.token;
  }

  /** Refreshes and updates `stored` in place (the store writes it); a dead chain is cleared, then thrown. */
  async #refresh(
    stored: StoredCredential,
    context: { transport: Transport; redactor: Redactor },
  ): Promise<{ token: OAuthAccessToken } | { error: unknown }> {
    const provider = { ...stored.provider, clientSecret: this.#options.clientSecret };
    try {
      const tokens = await refreshOAuthTokens(provider, stored.refreshToken!, { ...context, now: this.#now });
      this.#options.onRefreshed?.();
      if (tokens.refreshToken !== stored.refreshToken) stored.refreshObtainedAt = tokens.obtainedAt;
      stored.refreshToken = tokens.refreshToken;
      stored.accessToken = tokens.accessToken;
      stored.expiresAt = tokens.expiresAt;
      stored.accessObtainedAt = tokens.obtainedAt;
      return {
        token: { value: tokens.accessToken, expiresAt: tokens.expiresAt, obtainedAt: tokens.obtainedAt },
      };
    } catch (error) {
      if (!(isHttpError(error) && error.apiStatus === "invalid_grant")) throw error;
      // The chain is dead: forget the spent token so no process tries it again.
      stored.refreshToken = undefined;
      stored.accessToken = undefined;
      stored.expiresAt = undefined;
      return { error };
    }
  }

  #notLoggedIn(why?: string): ValidationError {
    return new ValidationError(
      `No usable ${this.system === "anaplan" ? "Anaplan" : "EPM"} OAuth sign-in in ${this.#options.store.path}${why ? ` (${why})` : ""}: run \`epm-audit-kit login ${this.system}\` first.`,
    );
  }
}

function storedAccess(stored: StoredCredential): OAuthAccessToken | undefined {
  return stored.accessToken && typeof stored.expiresAt === "number"
    ? { value: stored.accessToken, expiresAt: stored.expiresAt, obtainedAt: stored.accessObtainedAt ?? 0 }
    : undefined;
}
