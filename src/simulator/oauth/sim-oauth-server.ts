import { randomBytes } from "node:crypto";

/** One OAuth client registered with a simulated authorization server. */
export interface SimOAuthClient {
  clientId: string;
  /** Secret of an authorization-code (Anaplan) or confidential (EPM) client. @default undefined */
  clientSecret?: string | undefined;
  /** The one grant the client may use to sign in (Anaplan registers one per client). @default "device" */
  grant?: "device" | "authorization_code" | undefined;
  /** Whether each refresh returns a new refresh token and spends the old one. @default true */
  rotatable?: boolean | undefined;
  /** Life of a refresh token in seconds; undefined: never expires. @default undefined */
  refreshLifetimeS?: number | undefined;
}

/** How a simulated authorization server behaves. */
export interface SimOAuthServerOptions {
  /** The simulated clock, epoch ms. */
  now: () => number;
  clients: SimOAuthClient[];
  /** `expires_in` of access tokens, seconds. */
  accessLifetimeS: number;
  /** Life of a device code, seconds. */
  deviceLifetimeS: number;
  /** Polling interval the server asks for, seconds. */
  intervalS: number;
  /** Where the user approves a device code. */
  verificationUri: () => string;
  /** Mints an access token the resource API accepts. */
  issueAccessToken: (lifetimeS: number) => string;
  /** Checks the requested scope; returns what is granted, or undefined to refuse. */
  grantScope: (scope: string) => string | undefined;
  /** Approve device codes on the first poll, as if a user had been quick. @default false */
  autoApprove?: boolean | undefined;
  /** The second error description for spent refresh tokens (the OCI identity domain's wording). */
  consumedMessage?: string | undefined;
}

/** A token endpoint's answer: status and JSON body, or a redirect. */
export type SimOAuthAnswer =
  | { status: number; body: Record<string, unknown> }
  | { status: 302; location: string };

interface DeviceGrant {
  clientId: string;
  userCode: string;
  scope: string;
  expiresAt: number;
  interval: number;
  lastPollAt: number | undefined;
  decision: "pending" | "approved" | "denied";
  done: boolean;
}

interface RefreshGrant {
  clientId: string;
  scope: string;
  expiresAt: number | undefined;
  state: "active" | "used" | "revoked";
}

/** What a simulated authorization server counted (tests assert exact numbers). */
export interface SimOAuthCounters {
  deviceCodes: number;
  polls: number;
  slowDowns: number;
  refreshes: number;
  refusedRefreshes: number;
  codeExchanges: number;
}

/**
 * An OAuth 2.0 authorization server as the simulator serves it for Anaplan and for the OCI
 * identity domain: the device grant (RFC 8628: pending, slow_down, expired, denied), refresh
 * tokens (rotating single-use or not, with a lifetime, revocable), and the authorization-code
 * grant. All times follow the simulator's clock, so tests age tokens without sleeping.
 *
 * @example
 * ```ts
 * const server = new SimOAuthServer({ now: () => clock.now(), clients: [{ clientId: "c" }], ... });
 * server.approve(userCode);
 * ```
 */
export class SimOAuthServer {
  readonly counters: SimOAuthCounters = {
    deviceCodes: 0,
    polls: 0,
    slowDowns: 0,
    refreshes: 0,
    refusedRefreshes: 0,
    codeExchanges: 0,
  };
  readonly #o: SimOAuthServerOptions;
  readonly #devices = new Map<string, DeviceGrant>();
  readonly #refresh = new Map<string, RefreshGrant>();
  readonly #codes = new Map<
    string,
    { clientId: string; redirectUri: string; scope: string; expiresAt: number }
  >();

  /** @param options - clients, lifetimes and how access tokens are minted */
  constructor(options: SimOAuthServerOptions) {
    this.#o = options;
  }

  /** User codes waiting for a decision, oldest first. */
  pendingUserCodes(): string[] {
    return [...this.#devices.values()]
      .filter((d) => d.decision === "pending" && !d.done)
      .map((d) => d.userCode);
  }

  /** The user approves a device code in the browser. @returns whether the code was pending */
  approve(userCode: string): boolean {
    return this.#decide(userCode, "approved");
  }

  /** The user denies a device code. @returns whether the code was pending */
  deny(userCode: string): boolean {
    return this.#decide(userCode, "denied");
  }

  /** Revokes every refresh token issued so far (an administrator revoked the client's grants). */
  revokeRefreshTokens(): void {
    for (const grant of this.#refresh.values()) if (grant.state === "active") grant.state = "revoked";
  }

  /** Refresh tokens not yet spent or revoked (a rotating chain has exactly one). */
  activeRefreshTokens(): number {
    return [...this.#refresh.values()].filter((g) => g.state === "active" && !this.#expired(g)).length;
  }

  /**
   * `POST` to the device authorization endpoint.
   *
   * @param fields - client_id, scope (response_type for the identity domain)
   * @returns the answer
   */
  device(fields: Record<string, string>): SimOAuthAnswer {
    const client = this.#client(fields);
    if ("status" in client) return client;
    if ((client.grant ?? "device") !== "device")
      return error(400, "unauthorized_client", "The client is not registered for the device grant");
    const scope = this.#o.grantScope(fields.scope ?? "");
    if (scope === undefined) return error(400, "invalid_scope", "The requested scope is invalid");
    this.counters.deviceCodes++;
    const deviceCode = randomBytes(24).toString("base64url");
    const userCode = `${randomBytes(2).toString("hex")}-${randomBytes(2).toString("hex")}`.toUpperCase();
    this.#devices.set(deviceCode, {
      clientId: client.clientId,
      userCode,
      scope,
      expiresAt: this.#o.now() + this.#o.deviceLifetimeS * 1000,
      interval: this.#o.intervalS,
      lastPollAt: undefined,
      decision: "pending",
      done: false,
    });
    const uri = this.#o.verificationUri();
    return {
      status: 200,
      body: {
        device_code: deviceCode,
        user_code: userCode,
        verification_uri: uri,
        verification_uri_complete: `${uri}?user_code=${userCode}`,
        expires_in: this.#o.deviceLifetimeS,
        interval: this.#o.intervalS,
      },
    };
  }

  /**
   * `POST` to the token endpoint: device code, refresh token or authorization code grant.
   *
   * @param fields - the body fields
   * @param basicClient - client id and secret from an HTTP Basic header, when sent
   * @returns the answer
   */
  token(fields: Record<string, string>, basicClient?: { id: string; secret: string }): SimOAuthAnswer {
    const merged = basicClient
      ? { ...fields, client_id: basicClient.id, client_secret: basicClient.secret }
      : fields;
    const client = this.#client(merged);
    if ("status" in client) return client;
    switch (fields.grant_type) {
      case "urn:ietf:params:oauth:grant-type:device_code":
        return this.#pollDevice(client, fields.device_code ?? "");
      case "refresh_token":
        return this.#refreshGrant(client, merged, fields.refresh_token ?? "");
      case "authorization_code":
        return this.#codeGrant(client, merged);
      default:
        return error(400, "unsupported_grant_type", "The grant type is not supported");
    }
  }

  /**
   * `GET` the authorization endpoint: the simulated user signs in at once, and the browser is
   * sent to the redirect URI with a code.
   *
   * @param query - response_type, client_id, redirect_uri, scope, state
   * @returns a redirect, or an error
   */
  authorize(query: URLSearchParams): SimOAuthAnswer {
    const client = this.#o.clients.find((c) => c.clientId === query.get("client_id"));
    if (client?.grant !== "authorization_code")
      return error(400, "unauthorized_client", "Unknown client or not an authorization-code client");
    const redirectUri = query.get("redirect_uri") ?? "";
    const scope = this.#o.grantScope(query.get("scope") ?? "");
    if (query.get("response_type") !== "code" || !redirectUri || scope === undefined) {
      return error(400, "invalid_request", "response_type=code, redirect_uri and a valid scope are required");
    }
    const code = randomBytes(16).toString("base64url");
    this.#codes.set(code, {
      clientId: client.clientId,
      redirectUri,
      scope,
      expiresAt: this.#o.now() + 600_000,
    });
    const location = new URL(redirectUri);
    location.searchParams.set("code", code);
    const state = query.get("state");
    if (state) location.searchParams.set("state", state);
    return { status: 302, location: location.href };
  }

  #decide(userCode: string, decision: "approved" | "denied"): boolean {
    for (const grant of this.#devices.values()) {
      if (grant.userCode === userCode && grant.decision === "pending" && !grant.done) {
        grant.decision = decision;
        return true;
      }
    }
    return false;
  }

  #client(
    fields: Record<string, string>,
  ): SimOAuthClient | { status: number; body: Record<string, unknown> } {
    const client = this.#o.clients.find((c) => c.clientId === fields.client_id);
    if (!client) return error(401, "invalid_client", "Unknown client");
    if (
      client.clientSecret !== undefined &&
      fields.grant_type !== undefined &&
      fields.grant_type !== "urn:ietf:params:oauth:grant-type:device_code"
    ) {
      if (fields.client_secret !== client.clientSecret)
        return error(401, "invalid_client", "Client authentication failed");
    }
    return client;
  }

  #pollDevice(client: SimOAuthClient, deviceCode: string): SimOAuthAnswer {
    this.counters.polls++;
    const grant = this.#devices.get(deviceCode);
    if (!grant || grant.clientId !== client.clientId || grant.done)
      return error(400, "invalid_grant", "Unknown or used device code");
    const now = this.#o.now();
    if (now >= grant.expiresAt) return error(400, "expired_token", "The device code has expired");
    if (grant.lastPollAt !== undefined && now - grant.lastPollAt < grant.interval * 1000) {
      grant.lastPollAt = now;
      grant.interval += 5;
      this.counters.slowDowns++;
      return error(400, "slow_down", "Polling too fast");
    }
    grant.lastPollAt = now;
    if (grant.decision === "pending" && this.#o.autoApprove) grant.decision = "approved";
    if (grant.decision === "denied") {
      grant.done = true;
      return error(400, "access_denied", "The user denied the request");
    }
    if (grant.decision === "pending")
      return error(400, "authorization_pending", "The user has not yet approved the request");
    grant.done = true;
    return this.#issue(client, grant.scope);
  }

  #refreshGrant(client: SimOAuthClient, fields: Record<string, string>, token: string): SimOAuthAnswer {
    const grant = this.#refresh.get(token);
    if (!grant || grant.clientId !== client.clientId || grant.state === "revoked") {
      this.counters.refusedRefreshes++;
      return error(400, "invalid_grant", "The refresh token is invalid or revoked");
    }
    if (grant.state === "used") {
      this.counters.refusedRefreshes++;
      return error(
        400,
        "invalid_grant",
        this.#o.consumedMessage ?? "The refresh token has already been used",
      );
    }
    if (this.#expired(grant)) {
      this.counters.refusedRefreshes++;
      return error(400, "invalid_grant", `Token is expired for client : ${client.clientId}`);
    }
    void fields;
    this.counters.refreshes++;
    if (client.rotatable === false) return this.#issue(client, grant.scope, token);
    grant.state = "used";
    return this.#issue(client, grant.scope);
  }

  #codeGrant(client: SimOAuthClient, fields: Record<string, string>): SimOAuthAnswer {
    const code = this.#codes.get(fields.code ?? "");
    this.#codes.delete(fields.code ?? "");
    if (
      !code ||
      code.clientId !== client.clientId ||
      code.expiresAt <= this.#o.now() ||
      code.redirectUri !== fields.redirect_uri
    ) {
      return error(400, "invalid_grant", "The authorization code is invalid, used or expired");
    }
    this.counters.codeExchanges++;
    return this.#issue(client, code.scope);
  }

  #issue(client: SimOAuthClient, scope: string, keepRefresh?: string): SimOAuthAnswer {
    const body: Record<string, unknown> = {
      access_token: this.#o.issueAccessToken(this.#o.accessLifetimeS),
      token_type: "Bearer",
      expires_in: this.#o.accessLifetimeS,
      scope,
    };
    if (!keepRefresh) {
      const refresh = randomBytes(32).toString("base64url");
      this.#refresh.set(refresh, {
        clientId: client.clientId,
        scope,
        expiresAt:
          client.refreshLifetimeS === undefined ? undefined : this.#o.now() + client.refreshLifetimeS * 1000,
        state: "active",
      });
      body.refresh_token = refresh;
    }
    return { status: 200, body };
  }

  #expired(grant: RefreshGrant): boolean {
    return grant.expiresAt !== undefined && this.#o.now() >= grant.expiresAt;
  }
}

function error(
  status: number,
  code: string,
  description: string,
): { status: number; body: Record<string, unknown> } {
  return { status, body: { error: code, error_description: description } };
}
