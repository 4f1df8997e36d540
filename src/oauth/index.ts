/**
 * `epm-audit-kit/oauth`: signing in without passwords: the OAuth 2.0 device grant and the
 * authorization-code grant for Anaplan and for Oracle EPM (OCI IAM identity domain), the
 * credential store that keeps the rotating refresh token (0600, optionally encrypted, atomic,
 * locked), and the session that hands access tokens to `new AnaplanClient({ oauth })` and
 * `new EpmClient({ url, oauth })`.
 *
 * To make a name public: add it to the list below, run `npm run api:update`, commit the report.
 *
 * @packageDocumentation
 */

export {
  type AuthorizationRequest,
  authorizationRequest,
  exchangeAuthorizationCode,
} from "./authorization-code-login.js";
export {
  type CredentialFile,
  CredentialStore,
  type CredentialStoreOptions,
  defaultCredentialsPath,
  type StoredCredential,
} from "./credential-store.js";
export {
  type DeviceLoginOptions,
  type DevicePrompt,
  deviceLogin,
  MAX_DEVICE_CODE_SECONDS,
} from "./device-login.js";
export {
  ANAPLAN_DEFAULT_OAUTH_URL,
  credentialStoreFromEnv,
  OAUTH_ENV_VARS,
  oauthProviderFromEnv,
  oauthSessionFromEnv,
} from "./oauth-from-env.js";
export {
  ANAPLAN_OAUTH_SCOPE,
  type AnaplanOAuthProviderOptions,
  anaplanOAuthProvider,
  type EpmOAuthProviderOptions,
  epmOAuthProvider,
  epmOAuthScope,
  type OAuthProvider,
  type OAuthSystem,
} from "./oauth-provider.js";
export {
  OAUTH_REFRESH_MARGIN_MS,
  type OAuthAccessToken,
  OAuthSession,
  type OAuthSessionOptions,
} from "./oauth-session.js";
export { type OAuthTokens, readOAuthTokens } from "./oauth-tokens.js";
export { refreshOAuthTokens } from "./refresh-oauth-tokens.js";
export { forgetLogin, saveLogin } from "./save-login.js";
