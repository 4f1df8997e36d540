import { ValidationError } from "../errors/validation-error.js";
import { oauthSessionFromEnv } from "../oauth/oauth-from-env.js";
import type { AnaplanClientOptions } from "./anaplan-client.js";

/**
 * The environment variables {@link anaplanOptionsFromEnv} reads.
 *
 * @example
 * ```ts
 * ANAPLAN_ENV_VARS.filter((k) => process.env[k]) //=> the ones set, e.g. ["ANAPLAN_EMAIL", "ANAPLAN_PASSWORD"]
 * ```
 */
export const ANAPLAN_ENV_VARS = Object.freeze([
  "ANAPLAN_EMAIL",
  "ANAPLAN_PASSWORD",
  "ANAPLAN_CERTIFICATE",
  "ANAPLAN_PRIVATE_KEY",
  "ANAPLAN_PASSPHRASE",
  "ANAPLAN_TOKEN",
  "ANAPLAN_AUTH_URL",
  "ANAPLAN_AUDIT_URL",
  "ANAPLAN_API_URL",
] as const);

/**
 * Reads Anaplan client options from environment variables: `ANAPLAN_EMAIL` + `ANAPLAN_PASSWORD`,
 * or `ANAPLAN_CERTIFICATE` + `ANAPLAN_PRIVATE_KEY` (PEM text or file paths) + optional
 * `ANAPLAN_PASSPHRASE`, or `ANAPLAN_TOKEN`; plus optional `ANAPLAN_AUTH_URL`,
 * `ANAPLAN_AUDIT_URL`, `ANAPLAN_API_URL`. Empty variables count as unset. When several are set, a
 * token wins over a certificate, which wins over e-mail and password.
 *
 * @param env - the environment. @default process.env
 * @returns options for `new AnaplanClient(...)`, or undefined when no ANAPLAN_* variable is set
 * @throws {@link ValidationError} when a URL (ANAPLAN_AUTH_URL, ANAPLAN_AUDIT_URL,
 *   ANAPLAN_API_URL) or ANAPLAN_PASSPHRASE is set without a credential: silently using the
 *   simulator instead of the tenant meant would be worse
 * @example
 * ```ts
 * const options = anaplanOptionsFromEnv();
 * const anaplan = options ? new AnaplanClient(options) : undefined;
 * ```
 */
export function anaplanOptionsFromEnv(
  env: Record<string, string | undefined> = process.env,
): AnaplanClientOptions | undefined {
  const get = (name: (typeof ANAPLAN_ENV_VARS)[number]) => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const urls: AnaplanClientOptions = {
    authUrl: get("ANAPLAN_AUTH_URL"),
    auditUrl: get("ANAPLAN_AUDIT_URL"),
    apiUrl: get("ANAPLAN_API_URL"),
  };
  if (get("ANAPLAN_TOKEN")) return { ...urls, token: get("ANAPLAN_TOKEN") };
  if (get("ANAPLAN_CERTIFICATE") || get("ANAPLAN_PRIVATE_KEY")) {
    return {
      ...urls,
      certificate: get("ANAPLAN_CERTIFICATE"),
      privateKey: get("ANAPLAN_PRIVATE_KEY"),
      passphrase: get("ANAPLAN_PASSPHRASE"),
    };
  }
  if (get("ANAPLAN_EMAIL") || get("ANAPLAN_PASSWORD")) {
    return { ...urls, email: get("ANAPLAN_EMAIL"), password: get("ANAPLAN_PASSWORD") };
  }
  const oauth = oauthSessionFromEnv("anaplan", env);
  if (oauth) return { ...urls, oauth };
  const stray = ANAPLAN_ENV_VARS.filter((name) => get(name));
  if (stray.length > 0) {
    throw new ValidationError(
      `${stray.join(", ")} ${stray.length === 1 ? "is" : "are"} set without an Anaplan credential: set ANAPLAN_EMAIL and ANAPLAN_PASSWORD (or ANAPLAN_CERTIFICATE + ANAPLAN_PRIVATE_KEY, or ANAPLAN_TOKEN, or ANAPLAN_OAUTH_CLIENT_ID after epm-audit-kit login anaplan), or unset ${stray.join(", ")} to use the simulator.`,
    );
  }
  return undefined;
}
