import { AuthError } from "../errors/auth-error.js";
import { PayloadError } from "../errors/payload-error.js";
import type { Redactor } from "../http/redact.js";
import type { Transport } from "../http/transport.js";
import { callOAuthEndpoint, oauthError } from "./call-oauth-endpoint.js";
import type { OAuthProvider } from "./oauth-provider.js";
import { type OAuthTokens, readOAuthTokens } from "./oauth-tokens.js";

/**
 * What the user is shown: where to go and which code to enter.
 *
 * @example
 * ```ts
 * const onPrompt = (prompt: DevicePrompt) => console.log(`Visit ${prompt.verificationUri} and enter ${prompt.userCode}`);
 * ```
 */
export interface DevicePrompt {
  /** The code the user types (not a secret on its own, but short-lived; never logged by the kit). */
  userCode: string;
  /** Where to enter it. */
  verificationUri: string;
  /** The same URL with the code filled in, when the server gives one. */
  verificationUriComplete: string | undefined;
  /** Seconds until the code expires. */
  expiresIn: number;
}

/**
 * Options of {@link deviceLogin}.
 *
 * @example
 * ```ts
 * const options: DeviceLoginOptions = { transport, redactor, onPrompt: (p) => console.log(`Visit ${p.verificationUri}, code ${p.userCode}`) };
 * ```
 */
export interface DeviceLoginOptions {
  transport: Transport;
  redactor: Redactor;
  /** Shows the prompt to the user (the CLI prints it to stderr). */
  onPrompt: (prompt: DevicePrompt) => void;
  /** The clock, epoch ms. @default Date.now */
  now?: () => number;
  /** Waits between polls (tests pass a clock-advancing function). @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Longest device-code life honoured, whatever the server says (30 minutes).
 *
 * @example
 * ```ts
 * MAX_DEVICE_CODE_SECONDS //=> 1800
 * ```
 */
export const MAX_DEVICE_CODE_SECONDS = 1800;
/** Polling interval bounds in seconds: at least 1, at most 60, whatever the server says. */
const MIN_INTERVAL_S = 1;
const MAX_INTERVAL_S = 60;

/**
 * Signs a user in with the OAuth 2.0 device authorization grant (RFC 8628): asks for a device
 * code, shows the user where to approve it, then polls the token endpoint at the server's
 * interval (5 s more after each `slow_down`) until the user approves, denies, or the code expires.
 * Bounded: it stops when the code's life (at most 30 minutes) is over, whatever the server says.
 *
 * @param provider - endpoints and client
 * @param options - transport, redactor, prompt callback, clock and sleep
 * @returns the tokens (access and refresh)
 * @throws {@link AuthError} when the user denies, the code expires, or the client is refused
 * @example
 * ```ts
 * const tokens = await deviceLogin(provider, { transport, redactor, onPrompt: (p) => console.error(`Open ${p.verificationUri} and enter ${p.userCode}`) });
 * ```
 */
export async function deviceLogin(
  provider: OAuthProvider,
  options: DeviceLoginOptions,
): Promise<OAuthTokens> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const device = await requestDeviceCode(provider, options);
  options.onPrompt(device.prompt);
  const deadline = now() + device.prompt.expiresIn * 1000;
  let interval = device.interval;
  const maxPolls = Math.ceil(device.prompt.expiresIn / MIN_INTERVAL_S) + 1;
  for (let poll = 0; poll < maxPolls; poll++) {
    await sleep(interval * 1000);
    const answer = await callOAuthEndpoint(
      options.transport,
      provider,
      provider.tokenUrl,
      { grant_type: "urn:ietf:params:oauth:grant-type:device_code", device_code: device.deviceCode },
      options.redactor,
    );
    if (answer.ok) return readOAuthTokens(answer.json, now(), options.redactor);
    if (answer.error === "slow_down") interval = Math.min(MAX_INTERVAL_S, interval + 5);
    else if (answer.error !== "authorization_pending") throw deviceError(provider, answer);
    if (now() >= deadline) break;
  }
  throw new AuthError({
    status: 400,
    method: "POST",
    url: provider.tokenUrl,
    service: provider.system === "anaplan" ? "Anaplan OAuth" : "EPM OAuth",
    apiStatus: "expired_token",
    hint: `Nobody approved the device code within ${device.prompt.expiresIn} s; run \`epm-audit-kit login ${provider.system}\` again and approve it in time`,
  });
}

function deviceError(provider: OAuthProvider, answer: Parameters<typeof oauthError>[1]): AuthError {
  const again = `run \`epm-audit-kit login ${provider.system}\` again`;
  const hints: Record<string, string> = {
    access_denied: `The sign-in was denied in the browser; ${again} and approve it`,
    expired_token: `The device code expired before it was approved; ${again} and approve it in time`,
    unauthorized_client:
      "The OAuth client may not use the device grant (Anaplan: a device-grant client, and not for SSO users; EPM: enable Device Code and Refresh Token on the application)",
    invalid_client:
      "The OAuth server does not know this client id; check ANAPLAN_OAUTH_CLIENT_ID or EPM_OAUTH_CLIENT_ID",
  };
  return oauthError(
    provider,
    answer,
    hints[answer.error] ?? `The OAuth server refused the device sign-in; ${again}`,
  );
}

async function requestDeviceCode(
  provider: OAuthProvider,
  options: DeviceLoginOptions,
): Promise<{ deviceCode: string; interval: number; prompt: DevicePrompt }> {
  const params: Record<string, string> = { scope: provider.scope };
  if (provider.encoding === "form") params.response_type = "device_code";
  const answer = await callOAuthEndpoint(
    options.transport,
    provider,
    provider.deviceUrl,
    params,
    options.redactor,
  );
  if (!answer.ok) throw deviceError(provider, answer);
  const { json } = answer;
  const text = (key: string) => (typeof json[key] === "string" && json[key] !== "" ? json[key] : undefined);
  const deviceCode = text("device_code");
  const userCode = text("user_code");
  const verificationUri = text("verification_uri");
  if (!deviceCode || !userCode || !verificationUri) {
    throw new PayloadError(
      `The OAuth device endpoint answered without device_code, user_code and verification_uri: POST ${provider.deviceUrl}. Check the OAuth URL.`,
    );
  }
  options.redactor.add(deviceCode);
  const bounded = (value: unknown, fallback: number, min: number, max: number) => {
    const n = Number(value);
    return Number.isFinite(n) && n > 0 ? Math.min(max, Math.max(min, Math.round(n))) : fallback;
  };
  return {
    deviceCode,
    interval: bounded(json.interval, 5, MIN_INTERVAL_S, MAX_INTERVAL_S),
    prompt: {
      userCode,
      verificationUri,
      verificationUriComplete: text("verification_uri_complete"),
      expiresIn: bounded(json.expires_in, 600, 1, MAX_DEVICE_CODE_SECONDS),
    },
  };
}
