import { randomBytes } from "node:crypto";
import { ValidationError } from "../errors/validation-error.js";
import type { Redactor } from "../http/redact.js";
import type { Transport } from "../http/transport.js";
import { callOAuthEndpoint, oauthError } from "./call-oauth-endpoint.js";
import type { OAuthProvider } from "./oauth-provider.js";
import { type OAuthTokens, readOAuthTokens } from "./oauth-tokens.js";

/**
 * The start of an authorization-code sign-in: the URL to open and the state to check.
 *
 * @example
 * ```ts
 * const request: AuthorizationRequest = authorizationRequest(provider, "http://127.0.0.1:8765/callback");
 * console.log(`Open ${request.url}`);
 * ```
 */
export interface AuthorizationRequest {
  /** Open this in a browser and sign in. */
  url: string;
  /** The `state` the redirect must carry back. */
  state: string;
  /** The registered redirect URI. */
  redirectUri: string;
}

/**
 * Builds the authorization URL of Anaplan's authorization-code grant. Anaplan does not allow
 * localhost redirect URIs, so the user signs in in a browser and pastes the URL they were sent
 * to back into the terminal ({@link exchangeAuthorizationCode}).
 *
 * @param provider - an Anaplan provider with a client secret
 * @param redirectUri - a callback URL registered with the client
 * @returns the URL to open and the state
 * @throws {@link ValidationError} when the provider has no authorization endpoint or secret
 * @example
 * ```ts
 * const request = authorizationRequest(provider, "https://example.com/callback");
 * console.error(`Open ${request.url}`);
 * ```
 */
export function authorizationRequest(provider: OAuthProvider, redirectUri: string): AuthorizationRequest {
  if (!provider.authorizeUrl || !provider.clientSecret) {
    throw new ValidationError(
      "The authorization-code sign-in needs an Anaplan authorization-code client: set ANAPLAN_OAUTH_CLIENT_SECRET and ANAPLAN_OAUTH_REDIRECT_URI.",
    );
  }
  const state = randomBytes(16).toString("hex");
  const url = new URL(provider.authorizeUrl);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: provider.clientId,
    redirect_uri: redirectUri,
    scope: provider.scope,
    state,
  }).toString();
  return { url: url.href, state, redirectUri };
}

/**
 * Finishes an authorization-code sign-in: reads `code` and `state` from the URL the browser was
 * redirected to, checks the state, and exchanges the code for tokens.
 *
 * @param provider - the provider the request was made with
 * @param request - the request from {@link authorizationRequest}
 * @param redirectedTo - the full URL the browser landed on
 * @param context - transport, redactor and clock
 * @returns the tokens
 * @throws {@link ValidationError} when the URL has no code or a different state
 * @throws {@link AuthError} when the server refuses the code
 * @example
 * ```ts
 * const tokens = await exchangeAuthorizationCode(provider, request, pastedUrl, { transport, redactor, now: Date.now });
 * ```
 */
export async function exchangeAuthorizationCode(
  provider: OAuthProvider,
  request: AuthorizationRequest,
  redirectedTo: string,
  context: { transport: Transport; redactor: Redactor; now: () => number },
): Promise<OAuthTokens> {
  let params: URLSearchParams;
  try {
    params = new URL(redirectedTo.trim()).searchParams;
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    throw new ValidationError(
      "Paste the whole URL the browser was sent to after signing in (it starts with the redirect URI).",
    );
  }
  const code = params.get("code");
  if (code) context.redactor.add(code);
  if (params.get("state") !== request.state) {
    throw new ValidationError(
      "The pasted URL is not the answer to this sign-in (its state differs); start the sign-in again.",
    );
  }
  if (!code) {
    const error = params.get("error");
    throw new ValidationError(
      `The pasted URL carries no code${error ? ` (the server said ${error.slice(0, 60)})` : ""}; start the sign-in again.`,
    );
  }
  const answer = await callOAuthEndpoint(
    context.transport,
    provider,
    provider.tokenUrl,
    { grant_type: "authorization_code", code, redirect_uri: request.redirectUri },
    context.redactor,
  );
  if (answer.ok) return readOAuthTokens(answer.json, context.now(), context.redactor);
  throw oauthError(
    provider,
    answer,
    "The authorization code was refused (used or expired); start the sign-in again",
  );
}
