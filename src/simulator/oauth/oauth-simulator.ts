import { randomBytes } from "node:crypto";
import type { SimulatedApi, SimulatorContext } from "../service.js";
import { createOAuthRoutes } from "./oauth-routes.js";
import { type SimOAuthClient, SimOAuthServer } from "./sim-oauth-server.js";

/** Options of the simulated OAuth servers (both optional: defaults serve the demo and the tests). */
export interface OAuthSimulatorOptions {
  /** Anaplan OAuth clients. @default one device client {@link SIM_ANAPLAN_DEVICE_CLIENT} (rotatable, 43000 s) and one authorization-code client */
  anaplanClients?: SimOAuthClient[] | undefined;
  /** Identity-domain clients for EPM. @default one public client {@link SIM_EPM_CLIENT} (7-day refresh tokens) */
  epmClients?: SimOAuthClient[] | undefined;
  /** Polling interval asked of device clients, seconds. @default 5 */
  intervalS?: number | undefined;
  /** Approve device codes on the first poll (the `simulator` command's demo mode). @default false */
  autoApprove?: boolean | undefined;
}

/** The simulator's Anaplan device-grant client id. */
export const SIM_ANAPLAN_DEVICE_CLIENT = "5f1c0a9e2b7d4c3a8e6f1b0d9c2a7e4f";
/** The simulator's Anaplan authorization-code client id and secret. */
export const SIM_ANAPLAN_CODE_CLIENT = {
  clientId: "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d",
  clientSecret: "sim-anaplan-client-secret",
};
/** The simulator's EPM (identity domain) public client id. */
export const SIM_EPM_CLIENT = "sim-epm-public-client";
/** The EPM service instance id the simulated identity domain grants scopes for. */
export const SIM_EPM_SERVICE_INSTANCE = "687065603";

/** Both simulated authorization servers, their routes and the EPM access tokens they issued. */
export interface OAuthSimulator {
  /** Anaplan's OAuth service (`{base}/anaplan/oauth`, like `https://us1a.app.anaplan.com`). */
  anaplan: SimOAuthServer;
  /** The OCI identity domain (`{base}/idcs`). */
  epm: SimOAuthServer;
  /** Routes the server mounts. */
  api: { anaplan: SimulatedApi; epm: SimulatedApi };
  /** Whether an EPM Bearer token was issued by the identity domain and is still valid. */
  acceptsEpmToken(token: string): boolean;
}

/**
 * Creates the simulated OAuth servers: Anaplan's (JSON or form bodies; `openid email
 * offline_access`, `profile` dropped; access tokens valid on the simulated Audit and users APIs
 * for 2100 s) and the identity domain's for EPM (form bodies only; the concatenated-URN scope;
 * single-use refresh tokens with Oracle's error wording; Bearer tokens for 3600 s).
 *
 * @param context - the simulator's clock and base URL
 * @param issueAnaplanToken - mints a token the simulated Anaplan APIs accept
 * @param options - clients, interval, auto-approval
 * @returns the servers
 * @example
 * ```ts
 * const oauth = createOAuthSimulator(context, () => anaplan.issueToken(), {});
 * ```
 */
export function createOAuthSimulator(
  context: SimulatorContext,
  issueAnaplanToken: () => string,
  options: OAuthSimulatorOptions = {},
): OAuthSimulator {
  const now = () => context.clock.now();
  const epmTokens = new Map<string, number>();
  const anaplan = new SimOAuthServer({
    now,
    clients: options.anaplanClients ?? [
      { clientId: SIM_ANAPLAN_DEVICE_CLIENT, grant: "device", rotatable: true, refreshLifetimeS: 43_000 },
      { ...SIM_ANAPLAN_CODE_CLIENT, grant: "authorization_code", rotatable: true, refreshLifetimeS: 43_000 },
    ],
    accessLifetimeS: 2100,
    deviceLifetimeS: 900,
    intervalS: options.intervalS ?? 5,
    verificationUri: () => `${context.baseUrl()}/anaplan/oauth/activate`,
    issueAccessToken: issueAnaplanToken,
    grantScope: (scope) => {
      const parts = scope.split(/\s+/).filter((s) => s && s !== "profile");
      return parts.includes("openid") ? parts.join(" ") : undefined;
    },
    autoApprove: options.autoApprove,
  });
  const epm = new SimOAuthServer({
    now,
    clients: options.epmClients ?? [
      { clientId: SIM_EPM_CLIENT, grant: "device", rotatable: true, refreshLifetimeS: 604_800 },
    ],
    accessLifetimeS: 3600,
    deviceLifetimeS: 600,
    intervalS: options.intervalS ?? 5,
    verificationUri: () => `${context.baseUrl()}/idcs/ui/v1/device`,
    issueAccessToken: (lifetimeS) => {
      const token = `idcs.${randomBytes(24).toString("base64url")}`;
      epmTokens.set(token, now() + lifetimeS * 1000);
      return token;
    },
    grantScope: (scope) =>
      scope ===
      `urn:opc:serviceInstanceID=${SIM_EPM_SERVICE_INSTANCE}urn:opc:resource:consumer::all offline_access`
        ? scope
        : undefined,
    autoApprove: options.autoApprove,
    consumedMessage: "The token has already been consumed",
  });
  return {
    anaplan,
    epm,
    api: {
      anaplan: createOAuthRoutes(anaplan, {
        device: "/oauth/device/code",
        token: "/oauth/token",
        authorize: "/auth/authorize",
        activate: "/activate",
        acceptJson: true,
      }),
      epm: createOAuthRoutes(epm, {
        device: "/oauth2/v1/device",
        token: "/oauth2/v1/token",
        activate: "/ui/v1/device",
        acceptJson: false,
      }),
    },
    acceptsEpmToken: (token) => {
      const expiresAt = epmTokens.get(token);
      return expiresAt !== undefined && now() < expiresAt;
    },
  };
}
