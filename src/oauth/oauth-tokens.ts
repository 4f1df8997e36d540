import { PayloadError } from "../errors/payload-error.js";
import type { Redactor } from "../http/redact.js";

/**
 * What a token endpoint gave: the access token, the refresh token (rotated or kept) and when they were obtained.
 *
 * @example
 * ```ts
 * const tokens: OAuthTokens = { accessToken: "eyJhbGciOi...", refreshToken: "rt-123", expiresAt: Date.now() + 3_600_000, obtainedAt: Date.now() };
 * ```
 */
export interface OAuthTokens {
  /** The access token (secret). */
  accessToken: string;
  /** The refresh token (secret); undefined when the server issued none. */
  refreshToken: string | undefined;
  /** When the access token expires, epoch ms (from `expires_in`). */
  expiresAt: number;
  /** When the tokens were obtained, epoch ms. */
  obtainedAt: number;
}

/** Access-token lifetime assumed when a token response has no usable `expires_in` (Anaplan's 2100 s). */
export const DEFAULT_ACCESS_LIFETIME_S = 2100;

/**
 * Reads a token endpoint's success body (`access_token`, `refresh_token`, `expires_in`), and
 * registers both tokens with the redactor before anything else can see them. A response without
 * a new `refresh_token` keeps the previous one (non-rotating clients).
 *
 * @param json - the parsed body
 * @param now - epoch ms when the response arrived
 * @param redactor - where the tokens are registered as secrets
 * @param previousRefresh - the refresh token used, kept when the server sends none
 * @returns the tokens
 * @throws {@link PayloadError} when there is no access token
 * @example
 * ```ts
 * readOAuthTokens({ access_token: "a", refresh_token: "r", expires_in: 2100 }, 0, redactor)
 * //=> { accessToken: "a", refreshToken: "r", expiresAt: 2100000, obtainedAt: 0 }
 * ```
 */
export function readOAuthTokens(
  json: unknown,
  now: number,
  redactor: Redactor,
  previousRefresh?: string,
): OAuthTokens {
  const body = json && typeof json === "object" ? (json as Record<string, unknown>) : {};
  for (const key of ["access_token", "refresh_token", "id_token"]) {
    if (typeof body[key] === "string") redactor.add(body[key]);
  }
  if (typeof body.access_token !== "string" || body.access_token === "") {
    throw new PayloadError(
      "The OAuth token endpoint answered without an access_token. Check the OAuth URL (ANAPLAN_OAUTH_URL or EPM_OAUTH_URL).",
      "",
    );
  }
  const seconds = Number(body.expires_in);
  const lifetime =
    Number.isFinite(seconds) && seconds > 0 && seconds <= 31_622_400 ? seconds : DEFAULT_ACCESS_LIFETIME_S;
  const refresh =
    typeof body.refresh_token === "string" && body.refresh_token !== ""
      ? body.refresh_token
      : previousRefresh;
  return {
    accessToken: body.access_token,
    refreshToken: refresh,
    expiresAt: now + lifetime * 1000,
    obtainedAt: now,
  };
}
