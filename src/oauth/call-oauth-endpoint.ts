import { AuthError } from "../errors/auth-error.js";
import { PayloadError } from "../errors/payload-error.js";
import { excerpt, type Redactor } from "../http/redact.js";
import type { Transport } from "../http/transport.js";
import type { OAuthProvider } from "./oauth-provider.js";

/** A token endpoint's answer: a success body, or an RFC 6749 error (`error`, `error_description`). */
export type OAuthAnswer =
  | { ok: true; json: Record<string, unknown> }
  | { ok: false; status: number; error: string; description: string; url: string };

/** The largest OAuth response body read (token answers are well under 16 KiB). */
export const MAX_OAUTH_BODY_BYTES = 64 * 1024;

/**
 * Posts to an OAuth endpoint in the provider's encoding (JSON for Anaplan, form for the OCI
 * identity domain; a confidential EPM client authenticates with HTTP Basic) and reads the answer.
 * 4xx answers with an OAuth `error` come back as values (the device flow expects
 * `authorization_pending`); anything that is not the OAuth shape is a typed error.
 *
 * @param transport - the client's transport (redaction, deadlines)
 * @param provider - endpoints, client and encoding
 * @param url - the endpoint
 * @param params - the body fields (client_id is added)
 * @param redactor - secrets in params are registered before sending
 * @returns the answer
 * @throws {@link PayloadError} when the body is not an OAuth JSON answer
 * @example
 * ```ts
 * const answer = await callOAuthEndpoint(transport, provider, provider.tokenUrl, { grant_type: "refresh_token", refresh_token }, redactor);
 * ```
 */
export async function callOAuthEndpoint(
  transport: Transport,
  provider: OAuthProvider,
  url: string,
  params: Record<string, string>,
  redactor: Redactor,
): Promise<OAuthAnswer> {
  const fields: Record<string, string> = { ...params, client_id: provider.clientId };
  const headers: Record<string, string> = { accept: "application/json" };
  if (provider.clientSecret) {
    redactor.add(provider.clientSecret);
    if (provider.encoding === "form") {
      const basic = Buffer.from(`${provider.clientId}:${provider.clientSecret}`).toString("base64");
      redactor.add(basic);
      headers.authorization = `Basic ${basic}`;
    } else fields.client_secret = provider.clientSecret;
  }
  for (const key of ["refresh_token", "device_code", "code"]) if (fields[key]) redactor.add(fields[key]);
  const body = provider.encoding === "json" ? JSON.stringify(fields) : new URLSearchParams(fields).toString();
  headers["content-type"] =
    provider.encoding === "json" ? "application/json" : "application/x-www-form-urlencoded";
  const service = provider.system === "anaplan" ? "Anaplan OAuth" : "EPM OAuth";
  const res = await transport.request({
    method: "POST",
    url,
    service,
    headers,
    body,
    retry: false,
    acceptStatus: (status) => status >= 200 && status < 500,
  });
  const json = readJson(res.body, service, res.url, redactor);
  if (res.status >= 200 && res.status < 300) return { ok: true, json };
  if (typeof json.error !== "string") {
    throw new AuthError({
      status: res.status,
      method: "POST",
      url: res.url,
      service,
      bodyExcerpt: redactor.scrub(excerpt(res.body)),
      hint: "The OAuth server refused the request without an OAuth error code; check the OAuth URL and client id",
    });
  }
  const description =
    typeof json.error_description === "string" ? redactor.scrub(json.error_description) : "";
  return {
    ok: false,
    status: res.status,
    error: json.error.slice(0, 100),
    description: description.slice(0, 300),
    url: res.url,
  };
}

function readJson(body: Buffer, service: string, url: string, redactor: Redactor): Record<string, unknown> {
  if (body.length > MAX_OAUTH_BODY_BYTES) {
    throw new PayloadError(
      `${service} answered with ${body.length} bytes, more than the ${MAX_OAUTH_BODY_BYTES} an OAuth answer may have: POST ${url}.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString("utf8"));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    parsed = undefined;
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new PayloadError(
      `${service} answered with a body that is not an OAuth JSON object: POST ${url}. Check the OAuth URL.`,
      redactor.scrub(excerpt(body)),
    );
  }
  return parsed as Record<string, unknown>;
}

/**
 * The AuthError for a final OAuth error answer, with what to do.
 *
 * @param provider - which system (for the command to run)
 * @param answer - the error answer
 * @param hint - what to do
 * @returns the error to throw
 * @example
 * ```ts
 * throw oauthError(provider, answer, "run `epm-audit-kit login anaplan` again");
 * ```
 */
export function oauthError(
  provider: OAuthProvider,
  answer: Extract<OAuthAnswer, { ok: false }>,
  hint: string,
): AuthError {
  return new AuthError({
    status: answer.status,
    method: "POST",
    url: answer.url,
    service: provider.system === "anaplan" ? "Anaplan OAuth" : "EPM OAuth",
    apiStatus: answer.error,
    apiMessage: answer.description || undefined,
    hint,
  });
}
