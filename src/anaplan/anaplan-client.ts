import type { Dispatcher } from "undici";
import { ValidationError } from "../errors/validation-error.js";
import { clientTransport, msClock } from "../http/client-transport.js";
import { Redactor } from "../http/redact.js";
import type { RetryOptions } from "../http/retry-delay.js";
import type { Transport, TransportLog } from "../http/transport.js";
import type { OAuthSession } from "../oauth/oauth-session.js";
import { AnaplanAudit } from "./audit/anaplan-audit.js";
import { DEFAULT_MAX_PAGES, DEFAULT_MAX_TOTAL_SIZE } from "./audit/fetch-pages.js";
import type { AnaplanProgress } from "./audit/progress.js";
import type { AuthStrategy } from "./auth/auth-strategy.js";
import { BasicAuth } from "./auth/basic-auth.js";
import { CertificateAuth } from "./auth/certificate-auth.js";
import { OAuthAuth } from "./auth/oauth-auth.js";
import { StaticTokenAuth } from "./auth/static-token-auth.js";
import { TokenManager } from "./auth/token-manager.js";
import { AnaplanEntitlements } from "./entitlements/anaplan-entitlements.js";
import { PageScanner } from "./ingest/page-scanner.js";

/**
 * Options of {@link AnaplanClient}: exactly one way to sign in — `email` + `password`,
 * `certificate` + `privateKey` (+ `passphrase`), or `token` — plus hosts and tuning.
 *
 * @example
 * ```ts
 * const options: AnaplanClientOptions = { email: "auditor@example.com", password: process.env.ANAPLAN_PASSWORD, pageSize: 500 };
 * ```
 */
export interface AnaplanClientOptions {
  /** E-mail for basic auth. @default undefined */
  email?: string | undefined;
  /** Password for basic auth (never logged or put in an error). @default undefined */
  password?: string | undefined;
  /** CA certificate for certificate auth: PEM text or a path to a PEM file. @default undefined */
  certificate?: string | undefined;
  /** RSA private key of the certificate: PEM text or a path to a PEM file. @default undefined */
  privateKey?: string | undefined;
  /** Passphrase of an encrypted private key. @default undefined */
  passphrase?: string | undefined;
  /** A pre-issued token (`tokenValue`, or an OAuth access token); it cannot be renewed. @default undefined */
  token?: string | undefined;
  /**
   * A stored OAuth sign-in (`epm-audit-kit login anaplan`): access tokens are refreshed with the
   * rotating refresh token, shared safely with other processes. @default undefined
   */
  oauth?: OAuthSession | undefined;
  /** Auth service. @default "https://auth.anaplan.com" */
  authUrl?: string | undefined;
  /** Audit API base. @default "https://audit.anaplan.com/audit/api/1" */
  auditUrl?: string | undefined;
  /** Integration API base (users). @default "https://api.anaplan.com/2/0" */
  apiUrl?: string | undefined;
  /** The clock: fixes "now" for getEvents(days) and token expiry. @default Date.now */
  now?: (() => number | Date) | undefined;
  /** Events asked per page (`limit`), 1..10000. @default 10000 */
  pageSize?: number | undefined;
  /** Requests in flight at once. @default 4 */
  maxConcurrency?: number | undefined;
  /**
   * Time limit of one request attempt, in ms: sending, headers and the whole body must finish
   * within it (a server dripping a byte every few seconds still times out), and no silence may
   * last longer. Each retry gets its own. A TimeoutError (code `E_TIMEOUT`) when passed.
   * @default 60000
   */
  timeoutMs?: number | undefined;
  /**
   * The largest response body accepted, in bytes (announced or received); larger is a
   * PayloadError with `bound.name` `"maxBodyBytes"`. @default 268435456 (256 MiB)
   */
  maxBodyBytes?: number | undefined;
  /**
   * The most rows one getEvents or listUsers call accepts: the sum of the `totalSize`s the
   * server announces (over every slice and re-fetch pass). A larger claim is refused before any
   * memory is set aside for it: PayloadError with `bound.name` `"maxTotalSize"`.
   * @default 10000000
   */
  maxTotalSize?: number | undefined;
  /**
   * The most pages one list (a day slice of events, or the users list) may take in one pass;
   * more is a PayloadError with `bound.name` `"maxPages"`. @default 10000
   */
  maxPages?: number | undefined;
  /** Retry policy for 429, 5xx and network errors. @default { limit: 3, baseDelayMs: 300, maxDelayMs: 10000 } */
  retry?: RetryOptions | undefined;
  /** An undici dispatcher to use instead of the client's own keep-alive Agent. @default undefined */
  dispatcher?: Dispatcher | undefined;
  /** Where warnings go. @default stderr */
  log?: TransportLog | undefined;
  /**
   * Read events pages on a worker thread while the next ones download (the frames are the
   * same either way). @default true
   */
  scanInWorker?: boolean | undefined;
  /** Called as pages arrive: `{ phase: "events" | "users", done, total }`. @default undefined */
  onProgress?: ((progress: AnaplanProgress) => void) | undefined;
}

/**
 * The public Anaplan hosts (the defaults of AnaplanClient's `authUrl`, `auditUrl`, `apiUrl`).
 *
 * @example
 * ```ts
 * ANAPLAN_DEFAULT_URLS.auditUrl //=> "https://audit.anaplan.com/audit/api/1"
 * ```
 */
export const ANAPLAN_DEFAULT_URLS = Object.freeze({
  authUrl: "https://auth.anaplan.com",
  auditUrl: "https://audit.anaplan.com/audit/api/1",
  apiUrl: "https://api.anaplan.com/2/0",
});

/**
 * Client of the Anaplan Audit API and the users list, returning Polars frames. Signs in on
 * first use with the `AnaplanAuthToken` scheme and keeps the token fresh (single-flight).
 *
 * @example
 * ```ts
 * const anaplan = new AnaplanClient({ email, password });
 * const events = await anaplan.audit.getEvents(14);
 * const users = await anaplan.audit.listUsers();
 * await anaplan.close();
 * ```
 */
export class AnaplanClient {
  /** Audit events and users. */
  readonly audit: AnaplanAudit;
  /** Who can access what: SCIM users and workspace access, workspaces, models, admins, exceptions, licences. */
  readonly entitlements: AnaplanEntitlements;
  /** How the client signs in: "basic", "certificate" or "token". */
  readonly authKind: AuthStrategy["kind"];
  readonly #transport: Transport;
  readonly #tokens: TokenManager;
  readonly #scanner: PageScanner;

  /**
   * @param options - credentials, hosts and tuning
   * @throws {@link ValidationError} when no way (or more than one way) to sign in is given, or
   * pageSize is outside 1..10000
   */
  constructor(options: AnaplanClientOptions) {
    const redactor = new Redactor();
    // Whatever their shape (a key without its PEM header, a password with newlines, a token
    // with spaces), secrets are registered before anything can fail.
    for (const secret of [options.password, options.token, options.passphrase, options.privateKey])
      redactor.addMaterial(secret);
    const strategy = chooseStrategy(options);
    const pageSize = options.pageSize ?? 10_000;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 10_000) {
      throw new ValidationError(
        `AnaplanClient: pageSize must be a whole number from 1 to 10000 (the Audit API's limit), got ${pageSize}.`,
      );
    }
    const limits = {
      maxTotalSize: wholeOption("maxTotalSize", options.maxTotalSize, DEFAULT_MAX_TOTAL_SIZE),
      maxPages: wholeOption("maxPages", options.maxPages, DEFAULT_MAX_PAGES),
    };
    wholeOption("timeoutMs", options.timeoutMs, 1);
    wholeOption("maxBodyBytes", options.maxBodyBytes, 1);
    this.#transport = clientTransport(options, redactor);
    const now = msClock(options.now);
    const trim = (url: string) => url.replace(/\/+$/, "");
    this.authKind = strategy.kind;
    this.#tokens = new TokenManager(strategy, {
      transport: this.#transport,
      authUrl: trim(options.authUrl ?? ANAPLAN_DEFAULT_URLS.authUrl),
      now,
      redactor,
    });
    this.#scanner = new PageScanner({ worker: options.scanInWorker });
    this.audit = new AnaplanAudit({
      transport: this.#transport,
      tokens: this.#tokens,
      auditUrl: trim(options.auditUrl ?? ANAPLAN_DEFAULT_URLS.auditUrl),
      apiUrl: trim(options.apiUrl ?? ANAPLAN_DEFAULT_URLS.apiUrl),
      now,
      pageSize,
      ingest: this.#scanner,
      onProgress: options.onProgress,
      limits,
    });
    this.entitlements = new AnaplanEntitlements({
      transport: this.#transport,
      tokens: this.#tokens,
      apiUrl: trim(options.apiUrl ?? ANAPLAN_DEFAULT_URLS.apiUrl),
    });
  }

  /** Sign-ins and token refreshes so far (diagnostics). */
  get tokenStats(): Readonly<{ authentications: number; refreshes: number }> {
    return { ...this.#tokens.stats };
  }

  /** Closes the client's keep-alive connections and stops its page-scanning worker thread. */
  async close(): Promise<void> {
    await Promise.all([this.#transport.close(), this.#scanner.close()]);
  }
}

/** A whole positive option, or its default; a ValidationError otherwise. */
function wholeOption(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new ValidationError(`AnaplanClient: ${name} must be a whole number of at least 1, got ${value}.`);
  }
  return value;
}

function chooseStrategy(options: AnaplanClientOptions): AuthStrategy {
  const basic = options.email !== undefined || options.password !== undefined;
  const cert = options.certificate !== undefined || options.privateKey !== undefined;
  const token = options.token !== undefined;
  const oauth = options.oauth !== undefined;
  const ways = [basic, cert, token, oauth].filter(Boolean).length;
  const how =
    "Pass { email, password }, or { certificate, privateKey, passphrase? } (PEM text or file paths), or { token }, or { oauth }";
  if (ways !== 1) {
    throw new ValidationError(
      ways === 0
        ? `AnaplanClient needs credentials. ${how}.`
        : `AnaplanClient got more than one way to sign in; pass only one. ${how}.`,
    );
  }
  if (basic) {
    if (!options.email || !options.password) {
      throw new ValidationError(`AnaplanClient: basic auth needs both email and password. ${how}.`);
    }
    return new BasicAuth(options.email, options.password);
  }
  if (cert) {
    if (!options.certificate || !options.privateKey) {
      throw new ValidationError(
        `AnaplanClient: certificate auth needs both certificate and privateKey. ${how}.`,
      );
    }
    return new CertificateAuth({
      certificate: options.certificate,
      privateKey: options.privateKey,
      passphrase: options.passphrase,
    });
  }
  if (options.oauth) return new OAuthAuth(options.oauth);
  if (!options.token) throw new ValidationError(`AnaplanClient: token is empty. ${how}.`);
  return new StaticTokenAuth(options.token);
}
