import type { Redactor } from "../../http/redact.js";
import type { Transport } from "../../http/transport.js";

/** An Anaplan token as the kit keeps it. */
export interface AnaplanToken {
  /** The `tokenValue` sent as `Authorization: AnaplanAuthToken <value>`. */
  value: string;
  /** Epoch ms when it expires; undefined when unknown (a static token). */
  expiresAt: number | undefined;
}

/** What an auth strategy may use: the transport, the auth host, the client's clock. */
export interface AuthContext {
  transport: Transport;
  /** The auth service base URL, e.g. `https://auth.anaplan.com`. */
  authUrl: string;
  /** The client's clock, in epoch ms. */
  now: () => number;
  /** The client's redactor (the transport's); strategies register their secrets with it. */
  redactor: Redactor;
}

/**
 * One way of obtaining an Anaplan token (basic, CA certificate, static token). The
 * {@link TokenManager} decides when; the strategy only knows how.
 */
export interface AuthStrategy {
  /** For messages: "basic", "certificate", "token" or "oauth". */
  readonly kind: "basic" | "certificate" | "token" | "oauth";
  /** Whether the kit can get a new token on its own (false for a static token). */
  readonly renewable: boolean;
  /**
   * Obtains a new token.
   *
   * @throws {@link AuthError} when the service refuses the credentials
   */
  authenticate(context: AuthContext): Promise<AnaplanToken>;
}
