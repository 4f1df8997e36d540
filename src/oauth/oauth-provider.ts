import { ValidationError } from "../errors/validation-error.js";

/**
 * Which system an OAuth sign-in is for; also the profile name in the credential store.
 *
 * @example
 * ```ts
 * const system: OAuthSystem = "epm";
 * ```
 */
export type OAuthSystem = "anaplan" | "epm";

/**
 * Where and how one OAuth client signs in. Nothing here is secret except `clientSecret`
 * (registered with the client's redactor before any request).
 *
 * @example
 * ```ts
 * const provider: OAuthProvider = anaplanOAuthProvider({ url: "https://us1a.app.anaplan.com", clientId: "my-client-id" });
 * ```
 */
export interface OAuthProvider {
  /** `anaplan` or `epm`. */
  system: OAuthSystem;
  /** Device authorization endpoint (RFC 8628). */
  deviceUrl: string;
  /** Token endpoint (device code, refresh token and authorization code grants). */
  tokenUrl: string;
  /** Authorization endpoint of the authorization-code grant (Anaplan only). */
  authorizeUrl?: string | undefined;
  /** The OAuth client id (not secret). */
  clientId: string;
  /** The client secret of an authorization-code (Anaplan) or confidential (EPM) client. */
  clientSecret?: string | undefined;
  /** The scope requested. */
  scope: string;
  /** How bodies are encoded: Anaplan takes JSON, the OCI identity domain form fields. */
  encoding: "json" | "form";
  /** How the access token is sent: `AnaplanAuthToken` (Anaplan) or `Bearer` (EPM). */
  scheme: "AnaplanAuthToken" | "Bearer";
}

/**
 * Options of {@link anaplanOAuthProvider}.
 *
 * @example
 * ```ts
 * const options: AnaplanOAuthProviderOptions = { url: "https://us1a.app.anaplan.com", clientId: "my-client-id" };
 * ```
 */
export interface AnaplanOAuthProviderOptions {
  /** The OAuth host of the tenant's region, e.g. `https://us1a.app.anaplan.com`. */
  url: string;
  /** The client id (32 hex characters for real clients). */
  clientId: string;
  /** The secret of an authorization-code client; device clients have none. @default undefined */
  clientSecret?: string | undefined;
}

/**
 * Anaplan's scope: `offline_access` so a refresh token comes back (`profile` is dropped by Anaplan).
 *
 * @example
 * ```ts
 * ANAPLAN_OAUTH_SCOPE //=> "openid email offline_access"
 * ```
 */
export const ANAPLAN_OAUTH_SCOPE = "openid email offline_access";

/**
 * The provider of Anaplan's own OAuth service: `POST {url}/oauth/device/code`,
 * `POST {url}/oauth/token` (JSON bodies), `GET {url}/auth/authorize`; access tokens are sent as
 * `AnaplanAuthToken`, as the Audit API requires.
 *
 * @param options - region host, client id and (authorization-code clients) secret
 * @returns the provider
 * @throws {@link ValidationError} when the URL or client id is missing or malformed
 * @example
 * ```ts
 * const provider = anaplanOAuthProvider({ url: "https://us1a.app.anaplan.com", clientId: "a1b2…" });
 * provider.tokenUrl //=> "https://us1a.app.anaplan.com/oauth/token"
 * ```
 */
export function anaplanOAuthProvider(options: AnaplanOAuthProviderOptions): OAuthProvider {
  const base = baseUrl(options.url, "ANAPLAN_OAUTH_URL");
  return {
    system: "anaplan",
    deviceUrl: `${base}/oauth/device/code`,
    tokenUrl: `${base}/oauth/token`,
    authorizeUrl: `${base}/auth/authorize`,
    clientId: clientId(options.clientId, "ANAPLAN_OAUTH_CLIENT_ID"),
    clientSecret: options.clientSecret || undefined,
    scope: ANAPLAN_OAUTH_SCOPE,
    encoding: "json",
    scheme: "AnaplanAuthToken",
  };
}

/**
 * Options of {@link epmOAuthProvider}.
 *
 * @example
 * ```ts
 * const options: EpmOAuthProviderOptions = { url: "https://idcs-abc.identity.oraclecloud.com", clientId: "my-client-id", scope: epmOAuthScope("epm-instance-id") };
 * ```
 */
export interface EpmOAuthProviderOptions {
  /** The identity domain URL, e.g. `https://idcs-4f2a….identity.oraclecloud.com`. */
  url: string;
  /** The client id of the application registered in the identity domain. */
  clientId: string;
  /** The secret of a confidential application (sent as HTTP Basic client auth). @default undefined */
  clientSecret?: string | undefined;
  /**
   * The EPM scope, or just the service instance id from which the scope is built
   * (`urn:opc:serviceInstanceID=<id>urn:opc:resource:consumer::all`).
   */
  scope: string;
}

/**
 * The scope the OCI identity domain wants for EPM: the service-instance URN and the resource URN
 * joined with no separator, then ` offline_access` so a refresh token comes back.
 *
 * @param scopeOrInstanceId - a full scope, or the service instance id alone
 * @returns the scope to request
 * @throws {@link ValidationError} when empty or malformed
 * @example
 * ```ts
 * epmOAuthScope("687065603")
 * //=> "urn:opc:serviceInstanceID=687065603urn:opc:resource:consumer::all offline_access"
 * ```
 */
export function epmOAuthScope(scopeOrInstanceId: string): string {
  const value = scopeOrInstanceId.trim();
  const full = value.startsWith("urn:")
    ? value
    : `urn:opc:serviceInstanceID=${value}urn:opc:resource:consumer::all`;
  const scope = /(^|\s)offline_access(\s|$)/.test(full) ? full : `${full} offline_access`;
  if (
    !/^urn:opc:serviceInstanceID=[A-Za-z0-9_-]+urn:opc:resource:consumer::all offline_access$/.test(scope)
  ) {
    throw new ValidationError(
      "EPM_OAUTH_SCOPE must be the EPM service instance id (e.g. 687065603) or the scope urn:opc:serviceInstanceID=<id>urn:opc:resource:consumer::all, the two URNs joined with no separator.",
    );
  }
  return scope;
}

/**
 * The provider of an OCI IAM identity domain for Oracle EPM Cloud: `POST {url}/oauth2/v1/device`
 * and `POST {url}/oauth2/v1/token` with form bodies; access tokens are sent as `Bearer`.
 *
 * @param options - identity domain URL, client id, scope and (confidential apps) secret
 * @returns the provider
 * @throws {@link ValidationError} when a value is missing or malformed
 * @example
 * ```ts
 * const provider = epmOAuthProvider({ url: "https://idcs-1.identity.oraclecloud.com", clientId: "c", scope: "687065603" });
 * provider.deviceUrl //=> "https://idcs-1.identity.oraclecloud.com/oauth2/v1/device"
 * ```
 */
export function epmOAuthProvider(options: EpmOAuthProviderOptions): OAuthProvider {
  const base = baseUrl(options.url, "EPM_OAUTH_URL");
  return {
    system: "epm",
    deviceUrl: `${base}/oauth2/v1/device`,
    tokenUrl: `${base}/oauth2/v1/token`,
    clientId: clientId(options.clientId, "EPM_OAUTH_CLIENT_ID"),
    clientSecret: options.clientSecret || undefined,
    scope: epmOAuthScope(options.scope ?? ""),
    encoding: "form",
    scheme: "Bearer",
  };
}

function baseUrl(url: string | undefined, variable: string): string {
  let parsed: URL;
  try {
    parsed = new URL(String(url ?? ""));
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    throw new ValidationError(
      `${variable} must be the OAuth server's URL (https://…), got ${url ? "an invalid URL" : "nothing"}.`,
    );
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new ValidationError(`${variable} must be an http(s) URL.`);
  }
  return parsed.href.replace(/\/+$/, "");
}

function clientId(value: string | undefined, variable: string): string {
  const id = String(value ?? "").trim();
  if (!/^[A-Za-z0-9._~-]{1,200}$/.test(id)) {
    throw new ValidationError(
      `${variable} must be the OAuth client id (letters, digits, . _ ~ -), got ${id ? "a malformed value" : "nothing"}.`,
    );
  }
  return id;
}
