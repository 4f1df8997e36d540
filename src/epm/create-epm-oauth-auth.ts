import type { Redactor } from "../http/redact.js";
import type { AuthHook, Transport } from "../http/transport.js";
import type { OAuthSession } from "../oauth/oauth-session.js";

/**
 * Bearer auth for EPM Cloud from a stored OAuth sign-in (`epm-audit-kit login epm`): each
 * request carries the session's current access token (refreshed 5 minutes before it expires);
 * a 401 refreshes it (the refused token is never handed out again; concurrent 401s share one
 * refresh) and the transport retries the request once.
 *
 * @param session - the stored sign-in
 * @param context - the transport for the token endpoint (given once the client has one) and the redactor
 * @returns the auth hook for the transport
 * @example
 * ```ts
 * const auth = createEpmOAuthAuth(session, { transport: () => transport, redactor });
 * ```
 */
export function createEpmOAuthAuth(
  session: OAuthSession,
  context: { transport: () => Transport; redactor: Redactor },
): AuthHook {
  let lastSent: string | undefined;
  const access = (rejected?: string) =>
    session.accessToken({ transport: context.transport(), redactor: context.redactor }, rejected);
  return {
    async headers() {
      const token = await access();
      lastSent = token.value;
      context.redactor.add(token.value);
      return { authorization: `Bearer ${token.value}` };
    },
    async onUnauthorized() {
      await access(lastSent);
      return true;
    },
  };
}
