import type { Redactor } from "../http/redact.js";
import type { Transport } from "../http/transport.js";
import { callOAuthEndpoint, oauthError } from "./call-oauth-endpoint.js";
import type { OAuthProvider } from "./oauth-provider.js";
import { type OAuthTokens, readOAuthTokens } from "./oauth-tokens.js";

/**
 * Swaps a refresh token for a new access token (`grant_type=refresh_token`). With a rotating
 * client the answer carries a new refresh token and the old one is spent; without one the old
 * refresh token is kept. Sent once, never retried: a retry could spend a rotated token twice.
 *
 * @param provider - endpoints and client
 * @param refreshToken - the stored refresh token
 * @param context - transport, redactor and clock
 * @returns the new tokens
 * @throws {@link AuthError} (`invalid_grant`: used, revoked or expired) telling the user to run `login` again
 * @example
 * ```ts
 * const fresh = await refreshOAuthTokens(provider, stored.refreshToken, { transport, redactor, now: Date.now });
 * ```
 */
export async function refreshOAuthTokens(
  provider: OAuthProvider,
  refreshToken: string,
  context: { transport: Transport; redactor: Redactor; now: () => number },
): Promise<OAuthTokens> {
  context.redactor.add(refreshToken);
  const answer = await callOAuthEndpoint(
    context.transport,
    provider,
    provider.tokenUrl,
    { grant_type: "refresh_token", refresh_token: refreshToken },
    context.redactor,
  );
  if (answer.ok) return readOAuthTokens(answer.json, context.now(), context.redactor, refreshToken);
  throw oauthError(
    provider,
    answer,
    `The stored refresh token was refused (used, revoked or expired; an Anaplan password that expired does this too): run \`epm-audit-kit login ${provider.system}\` again`,
  );
}
