import type { EpmClientOptions } from "../epm/epm-client.js";
import { oauthSessionFromEnv } from "../oauth/oauth-from-env.js";

/**
 * Reads Oracle EPM client options from `EPM_URL` plus `EPM_USERNAME` + `EPM_PASSWORD`, or
 * `EPM_TOKEN` (Bearer). Empty variables count as unset; a token wins over a password.
 *
 * @param env - the environment. @default process.env
 * @returns options for `new EpmClient(...)`, or undefined when `EPM_URL` is not set
 * @example
 * ```ts
 * const options = epmOptionsFromEnv();
 * const epm = options ? new EpmClient(options) : undefined;
 * ```
 */
export function epmOptionsFromEnv(
  env: Record<string, string | undefined> = process.env,
): EpmClientOptions | undefined {
  const get = (name: string) => env[name]?.trim() || undefined;
  const url = get("EPM_URL");
  if (!url) return undefined;
  const token = get("EPM_TOKEN");
  if (token) return { url, token };
  const oauth = !get("EPM_USERNAME") && !get("EPM_PASSWORD") ? oauthSessionFromEnv("epm", env) : undefined;
  if (oauth) return { url, oauth };
  return { url, username: get("EPM_USERNAME") ?? "", password: get("EPM_PASSWORD") ?? "" };
}
