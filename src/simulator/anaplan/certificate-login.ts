import { createHash, verify, X509Certificate } from "node:crypto";

/** The outcome of a certificate login: accepted, or the auth service's error answer. */
export type CertificateLoginResult =
  | { ok: true }
  | { ok: false; httpStatus: 400 | 401; status: string; statusMessage: string };

/** Options of a {@link CertificateLogin}. */
export interface CertificateLoginOptions {
  /** PEM certificates the tenant accepts. */
  certificates: readonly string[];
  /** The simulated clock (v2 timestamps are checked against it). */
  now: () => number;
  /** Also accept the legacy v1 payload (no `encodedDataFormat`). @default false */
  acceptV1?: boolean;
  /** Largest distance between the v2 timestamp and now. @default 5 minutes */
  maxSkewMs?: number;
}

/**
 * Verifies Anaplan CA-certificate logins: header `Authorization: CACertificate <base64 of the
 * PEM (or DER) certificate>`, JSON body `{encodedData, encodedSignedData, encodedDataFormat:"v2"}`.
 * The certificate must be one registered with the simulator (compared by SHA-256 fingerprint)
 * and not expired on the simulated clock; the signature must be RSA PKCS#1 v1.5 with SHA-512
 * over the decoded `encodedData`; for v2 its first 8 bytes (big-endian Unix seconds) must be
 * within 5 minutes of the simulated clock, and an `encodedData` is accepted only once.
 *
 * @example
 * ```ts
 * const login = new CertificateLogin({ certificates: [pem], now: () => clock.now() });
 * login.verify(base64Certificate, bodyBytes) //=> { ok: true }
 * ```
 */
export class CertificateLogin {
  readonly #fingerprints: Set<string>;
  readonly #now: () => number;
  readonly #acceptV1: boolean;
  readonly #maxSkewMs: number;
  /** sha256(encodedData) → timestamp ms, for replay detection (pruned past the skew window). */
  readonly #used = new Map<string, number>();

  constructor(options: CertificateLoginOptions) {
    this.#fingerprints = new Set(options.certificates.map((pem) => new X509Certificate(pem).fingerprint256));
    this.#now = options.now;
    this.#acceptV1 = options.acceptV1 ?? false;
    this.#maxSkewMs = options.maxSkewMs ?? 5 * 60_000;
  }

  /**
   * Checks one login.
   *
   * @param certificateBase64 - the header value after `CACertificate `
   * @param body - the raw request body
   * @returns ok, or the HTTP status and Anaplan error body to answer with
   */
  verify(certificateBase64: string, body: Buffer): CertificateLoginResult {
    let certificate: X509Certificate;
    try {
      const decoded = Buffer.from(certificateBase64, "base64");
      if (decoded.length === 0) throw new Error("empty");
      certificate = new X509Certificate(decoded);
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      return fail(
        400,
        "FAILURE_BAD_HEADER",
        "The CACertificate header does not hold a base64-encoded certificate",
      );
    }
    if (!this.#fingerprints.has(certificate.fingerprint256)) {
      return fail(401, "FAILURE_BAD_CREDENTIAL", "The certificate is not registered for this tenant");
    }
    if (Date.parse(certificate.validTo) < this.#now()) {
      return fail(401, "FAILURE_BAD_CREDENTIAL", "The certificate has expired");
    }
    let payload: { encodedData?: unknown; encodedSignedData?: unknown; encodedDataFormat?: unknown };
    try {
      payload = JSON.parse(body.toString("utf8"));
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      payload = {};
    }
    if (typeof payload.encodedData !== "string" || typeof payload.encodedSignedData !== "string") {
      return fail(400, "FAILURE_BAD_REQUEST", "The body must be JSON with encodedData and encodedSignedData");
    }
    const format = payload.encodedDataFormat;
    if (format !== "v2" && !(format === undefined && this.#acceptV1)) {
      return fail(
        400,
        "FAILURE_BAD_REQUEST",
        'encodedDataFormat "v2" is required: encodedData must start with an 8-byte big-endian Unix timestamp',
      );
    }
    const data = Buffer.from(payload.encodedData, "base64");
    const signature = Buffer.from(payload.encodedSignedData, "base64");
    let valid = false;
    try {
      valid = data.length > 0 && verify("sha512", data, certificate.publicKey, signature);
    } catch (error) {
      // A signature that is not one (wrong length, garbage) is simply invalid.
      if (!(error instanceof Error)) throw error;
      valid = false;
    }
    if (!valid) return fail(401, "FAILURE_BAD_CREDENTIAL", "The signature does not match the certificate");
    if (format !== "v2") return { ok: true };

    if (data.length <= 8)
      return fail(400, "FAILURE_BAD_REQUEST", "encodedData is too short for the v2 format");
    const timestampMs = Number(data.readBigUInt64BE(0)) * 1000;
    const now = this.#now();
    if (Math.abs(timestampMs - now) > this.#maxSkewMs) {
      return fail(401, "FAILURE_BAD_CREDENTIAL", "The encodedData timestamp is outside the accepted window");
    }
    for (const [key, at] of this.#used) if (at < now - 2 * this.#maxSkewMs) this.#used.delete(key);
    const key = createHash("sha256").update(data).digest("hex");
    if (this.#used.has(key)) return fail(401, "FAILURE_BAD_CREDENTIAL", "The encodedData was already used");
    this.#used.set(key, timestampMs);
    return { ok: true };
  }
}

function fail(httpStatus: 400 | 401, status: string, statusMessage: string): CertificateLoginResult {
  return { ok: false, httpStatus, status, statusMessage };
}
