import type { EpmClientOptions } from "../epm/epm-client.js";
import { ValidationError } from "../errors/validation-error.js";
import { oauthSessionFromEnv } from "../oauth/oauth-from-env.js";

/** The EPM variables that are credentials: meaningless without EPM_URL. */
const EPM_CREDENTIAL_VARS = ["EPM_USERNAME", "EPM_PASSWORD", "EPM_TOKEN", "EPM_OAUTH_CLIENT_ID"] as const;

/**
 * Reads Oracle EPM client options from `EPM_URL` plus `EPM_USERNAME` + `EPM_PASSWORD`, or
 * `EPM_TOKEN` (Bearer). Empty variables count as unset; a token wins over a password.
 * Credentials without `EPM_URL` are an error, never a silent fall-back to the simulator.
 *
 * @param env - the environment. @default process.env
 * @returns options for `new EpmClient(...)`, or undefined when no EPM_* variable is set
 * @throws {@link ValidationError} when EPM_USERNAME, EPM_PASSWORD or EPM_TOKEN is set without EPM_URL
 * @example
 * ```ts
 * const options = epmOptionsFromEnv();
 * const epm = options ? new EpmClient(options) : undefined;
 * epmOptionsFromEnv({ EPM_USERNAME: "me" }) //=> ValidationError: EPM_USERNAME is set but EPM_URL is not …
 * ```
 */
export function epmOptionsFromEnv(
  env: Record<string, string | undefined> = process.env,
): EpmClientOptions | undefined {
  const get = (name: string) => env[name]?.trim() || undefined;
  const url = get("EPM_URL");
  if (!url) {
    const set = EPM_CREDENTIAL_VARS.filter((name) => get(name));
    if (set.length === 0) return undefined;
    throw new ValidationError(
      `${set.join(", ")} ${set.length === 1 ? "is" : "are"} set but EPM_URL is not: set EPM_URL to your pod (https://<pod>.oraclecloud.com), or unset ${set.join(", ")} to use the simulator.`,
    );
  }
  const token = get("EPM_TOKEN");
  if (token) return { url, token };
  const oauth = !get("EPM_USERNAME") && !get("EPM_PASSWORD") ? oauthSessionFromEnv("epm", env) : undefined;
  if (oauth) return { url, oauth };
  return { url, username: get("EPM_USERNAME") ?? "", password: get("EPM_PASSWORD") ?? "" };
}
