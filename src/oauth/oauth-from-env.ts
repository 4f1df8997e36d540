import { ValidationError } from "../errors/validation-error.js";
import { CredentialStore } from "./credential-store.js";
import {
  anaplanOAuthProvider,
  epmOAuthProvider,
  type OAuthProvider,
  type OAuthSystem,
} from "./oauth-provider.js";
import { OAuthSession } from "./oauth-session.js";

type Env = Record<string, string | undefined>;

/**
 * The environment variables of the OAuth sign-in. `login` reads the provider ones; later runs
 * select OAuth with the client id variable alone (the rest is stored by `login`).
 *
 * @example
 * ```ts
 * OAUTH_ENV_VARS.includes("ANAPLAN_OAUTH_CLIENT_ID") //=> true
 * ```
 */
export const OAUTH_ENV_VARS = Object.freeze([
  "ANAPLAN_OAUTH_URL",
  "ANAPLAN_OAUTH_CLIENT_ID",
  "ANAPLAN_OAUTH_CLIENT_SECRET",
  "ANAPLAN_OAUTH_REDIRECT_URI",
  "EPM_OAUTH_URL",
  "EPM_OAUTH_CLIENT_ID",
  "EPM_OAUTH_CLIENT_SECRET",
  "EPM_OAUTH_SCOPE",
  "KIT_CREDENTIALS_FILE",
  "KIT_CREDENTIALS_KEY",
] as const);

/**
 * Anaplan's OAuth host for most regions (US1, US2, US5, US7, EU1, EU2, EU4, AP1).
 *
 * @example
 * ```ts
 * ANAPLAN_DEFAULT_OAUTH_URL //=> "https://us1a.app.anaplan.com"
 * ```
 */
export const ANAPLAN_DEFAULT_OAUTH_URL = "https://us1a.app.anaplan.com";

const get = (env: Env, name: (typeof OAUTH_ENV_VARS)[number]) => env[name]?.trim() || undefined;

/**
 * The OAuth provider `login` signs in with, from the environment: Anaplan from
 * `ANAPLAN_OAUTH_CLIENT_ID` (+ `ANAPLAN_OAUTH_URL`, default the us1a host; + `ANAPLAN_OAUTH_CLIENT_SECRET`
 * for an authorization-code client), EPM from `EPM_OAUTH_URL` + `EPM_OAUTH_CLIENT_ID` + `EPM_OAUTH_SCOPE`.
 *
 * @param system - `anaplan` or `epm`
 * @param env - the environment. @default process.env
 * @returns the provider
 * @throws {@link ValidationError} naming the variable that is missing or malformed
 * @example
 * ```ts
 * oauthProviderFromEnv("anaplan", { ANAPLAN_OAUTH_CLIENT_ID: "5f1c…" }).tokenUrl //=> "https://us1a.app.anaplan.com/oauth/token"
 * ```
 */
export function oauthProviderFromEnv(system: OAuthSystem, env: Env = process.env): OAuthProvider {
  if (system === "anaplan") {
    const clientId = get(env, "ANAPLAN_OAUTH_CLIENT_ID");
    if (!clientId)
      throw new ValidationError(
        "Set ANAPLAN_OAUTH_CLIENT_ID to the OAuth client id your Tenant Security Administrator registered.",
      );
    return anaplanOAuthProvider({
      url: get(env, "ANAPLAN_OAUTH_URL") ?? ANAPLAN_DEFAULT_OAUTH_URL,
      clientId,
      clientSecret: get(env, "ANAPLAN_OAUTH_CLIENT_SECRET"),
    });
  }
  const url = get(env, "EPM_OAUTH_URL");
  const clientId = get(env, "EPM_OAUTH_CLIENT_ID");
  const scope = get(env, "EPM_OAUTH_SCOPE");
  const missing = [
    !url && "EPM_OAUTH_URL",
    !clientId && "EPM_OAUTH_CLIENT_ID",
    !scope && "EPM_OAUTH_SCOPE",
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new ValidationError(
      `Set ${missing.join(", ")}: the identity domain URL, the application's client id and the EPM service instance id (or scope).`,
    );
  }
  return epmOAuthProvider({
    url: url!,
    clientId: clientId!,
    scope: scope!,
    clientSecret: get(env, "EPM_OAUTH_CLIENT_SECRET"),
  });
}

/**
 * The credential store the environment names (`KIT_CREDENTIALS_FILE`, `KIT_CREDENTIALS_KEY`).
 *
 * @param env - the environment. @default process.env
 * @returns the store
 * @example
 * ```ts
 * credentialStoreFromEnv({ KIT_CREDENTIALS_FILE: "/tmp/creds.json" }).path //=> "/tmp/creds.json"
 * ```
 */
export function credentialStoreFromEnv(env: Env = process.env): CredentialStore {
  return new CredentialStore({
    path: get(env, "KIT_CREDENTIALS_FILE"),
    key: get(env, "KIT_CREDENTIALS_KEY"),
  });
}

/**
 * The OAuth session a run uses when the environment selects OAuth for a system
 * (`ANAPLAN_OAUTH_CLIENT_ID` or `EPM_OAUTH_CLIENT_ID` set), reading the sign-in `login` stored.
 *
 * @param system - `anaplan` or `epm`
 * @param env - the environment. @default process.env
 * @returns the session, or undefined when OAuth is not selected
 * @example
 * ```ts
 * const oauth = oauthSessionFromEnv("anaplan");
 * const anaplan = oauth ? new AnaplanClient({ oauth }) : undefined;
 * ```
 */
export function oauthSessionFromEnv(system: OAuthSystem, env: Env = process.env): OAuthSession | undefined {
  const clientId = get(env, system === "anaplan" ? "ANAPLAN_OAUTH_CLIENT_ID" : "EPM_OAUTH_CLIENT_ID");
  if (!clientId) return undefined;
  return new OAuthSession({
    store: credentialStoreFromEnv(env),
    system,
    clientId,
    clientSecret: get(env, system === "anaplan" ? "ANAPLAN_OAUTH_CLIENT_SECRET" : "EPM_OAUTH_CLIENT_SECRET"),
  });
}
