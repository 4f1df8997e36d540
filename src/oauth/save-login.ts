import type { CredentialStore } from "./credential-store.js";
import type { OAuthProvider } from "./oauth-provider.js";
import type { OAuthTokens } from "./oauth-tokens.js";

/**
 * Stores a completed sign-in as the profile of its system, replacing any earlier one, in one
 * atomic write under the store's lock. The client secret is not stored.
 *
 * @param store - the credential file
 * @param provider - the provider signed in with
 * @param tokens - what the sign-in gave
 * @returns nothing
 * @throws {@link ValidationError} when the sign-in gave no refresh token (the client lacks offline_access)
 * @example
 * ```ts
 * await saveLogin(store, provider, await deviceLogin(provider, options));
 * ```
 */
export async function saveLogin(
  store: CredentialStore,
  provider: OAuthProvider,
  tokens: OAuthTokens,
): Promise<void> {
  const { clientSecret: _secret, ...stored } = provider;
  await store.update((file) => {
    file.profiles[provider.system] = {
      provider: stored,
      refreshToken: tokens.refreshToken,
      refreshObtainedAt: tokens.obtainedAt,
      accessToken: tokens.accessToken,
      expiresAt: tokens.expiresAt,
      accessObtainedAt: tokens.obtainedAt,
    };
  });
}

/**
 * Deletes a system's stored sign-in (`epm-audit-kit logout`). Neither Anaplan nor the OCI
 * identity domain documents a revocation endpoint for these clients, so the tokens are forgotten
 * locally; an access token stays valid until it expires (35 minutes for Anaplan, about an hour for EPM).
 *
 * @param store - the credential file
 * @param system - `anaplan` or `epm`
 * @returns whether a sign-in was stored
 * @example
 * ```ts
 * await forgetLogin(store, "anaplan") //=> true
 * ```
 */
export async function forgetLogin(store: CredentialStore, system: OAuthProvider["system"]): Promise<boolean> {
  return store.update((file) => {
    const had = file.profiles[system] !== undefined;
    delete file.profiles[system];
    return had;
  });
}
