import { PayloadError } from "../../errors/payload-error.js";
import { excerpt, type Redactor } from "../../http/redact.js";
import type { AnaplanToken } from "./auth-strategy.js";

/**
 * Reads `tokenInfo` from the body of `POST /token/authenticate` or `/token/refresh`, and
 * registers the token (and its ids) with the redactor before anything else sees it.
 *
 * @param body - the response bytes
 * @param redactor - where the token value is registered as a secret
 * @returns the token value and its expiry (epoch ms)
 * @throws {@link PayloadError} when the body has no `tokenInfo.tokenValue`
 * @example
 * ```ts
 * readTokenResponse(Buffer.from('{"status":"SUCCESS","tokenInfo":{"tokenValue":"abc.def","expiresAt":1767225600000}}'), redactor)
 * //=> { value: "abc.def", expiresAt: 1767225600000 }
 * ```
 */
export function readTokenResponse(body: Uint8Array, redactor: Redactor): AnaplanToken {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body).toString("utf8"));
  } catch (error) {
    // Not JSON: reported below as a response without a token.
    if (!(error instanceof SyntaxError || error instanceof RangeError)) throw error;
    parsed = undefined;
  }
  const info =
    parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>).tokenInfo : undefined;
  const token = info && typeof info === "object" ? (info as Record<string, unknown>) : {};
  for (const key of ["tokenValue", "tokenId", "refreshTokenId", "refreshToken"]) {
    if (typeof token[key] === "string") redactor.add(token[key]);
  }
  if (typeof token.tokenValue !== "string" || token.tokenValue === "") {
    throw new PayloadError(
      "The Anaplan auth service answered without a token (no tokenInfo.tokenValue). Check that authUrl points at the Anaplan auth service (e.g. https://auth.anaplan.com).",
      redactor.scrub(excerpt(body)),
    );
  }
  const expiresAt = typeof token.expiresAt === "number" ? token.expiresAt : Number(token.expiresAt);
  return { value: token.tokenValue, expiresAt: Number.isFinite(expiresAt) ? expiresAt : undefined };
}
