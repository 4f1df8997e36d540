import { createPrivateKey, type KeyObject } from "node:crypto";
import { ValidationError } from "../../errors/validation-error.js";
import type { AnaplanToken, AuthContext, AuthStrategy } from "./auth-strategy.js";
import { certificatePayload } from "./cert-v2-payload.js";
import { readPem } from "./read-pem.js";
import { requestToken } from "./request-token.js";

/** Inputs of {@link CertificateAuth}. */
export interface CertificateAuthOptions {
  /** The CA-issued certificate: PEM text or a path to a PEM file. */
  certificate: string;
  /** Its RSA private key: PEM text or a path to a PEM file (PKCS#1 or PKCS#8, maybe encrypted). */
  privateKey: string;
  /** Passphrase of an encrypted private key. @default undefined */
  passphrase?: string | undefined;
}

/**
 * CA-certificate authentication: `POST {authUrl}/token/authenticate` with
 * `Authorization: CACertificate <base64 of the certificate PEM>` and the v2 signed payload
 * (see {@link certificatePayload}). A fresh payload is signed for every sign-in.
 *
 * @example
 * ```ts
 * const strategy = new CertificateAuth({ certificate: "./cert.pem", privateKey: "./key.pem" });
 * ```
 */
export class CertificateAuth implements AuthStrategy {
  readonly kind = "certificate";
  readonly renewable = true;
  readonly #options: CertificateAuthOptions;
  #loaded: Promise<{ header: string; key: KeyObject }> | undefined;

  /** @param options - certificate, private key and passphrase */
  constructor(options: CertificateAuthOptions) {
    this.#options = options;
  }

  /**
   * Signs in with the certificate and returns the new token.
   *
   * @throws {@link ValidationError} when the certificate or key cannot be read;
   * {@link AuthError} when Anaplan refuses the certificate
   */
  async authenticate(context: AuthContext): Promise<AnaplanToken> {
    context.redactor.addMaterial(this.#options.passphrase);
    context.redactor.addMaterial(this.#options.privateKey);
    this.#loaded ??= this.#load(context);
    const { header, key } = await this.#loaded.catch((error: unknown) => {
      this.#loaded = undefined;
      throw error;
    });
    return requestToken(context, {
      headers: { authorization: `CACertificate ${header}`, "content-type": "application/json" },
      // Signed afresh for every attempt: the v2 payload carries a timestamp and cannot be replayed.
      body: () => JSON.stringify(certificatePayload(key, context.now())),
      refusedHint:
        "Anaplan refused the certificate: check that it is registered for the user in Anaplan Administration, not expired, and that the private key matches it",
    });
  }

  async #load(context: AuthContext): Promise<{ header: string; key: KeyObject }> {
    const certificate = await readPem(this.#options.certificate, "certificate");
    const keyPem = await readPem(this.#options.privateKey, "private key");
    context.redactor.addMaterial(keyPem);
    let key: KeyObject;
    try {
      key = createPrivateKey(
        this.#options.passphrase === undefined
          ? { key: keyPem, format: "pem" }
          : { key: keyPem, format: "pem", passphrase: this.#options.passphrase },
      );
    } catch (error) {
      const code = (error as { code?: string }).code ?? "";
      const encrypted = /ENCRYPTED PRIVATE KEY|Proc-Type: 4,ENCRYPTED/.test(keyPem);
      const reason =
        code === "ERR_MISSING_PASSPHRASE" || (encrypted && this.#options.passphrase === undefined)
          ? "it is encrypted and no passphrase was given: pass passphrase (ANAPLAN_PASSPHRASE)"
          : /decrypt|bad password/i.test(String((error as Error).message))
            ? "the passphrase does not decrypt it: check passphrase (ANAPLAN_PASSPHRASE)"
            : "it is not a PEM private key: pass the RSA private key that belongs to the certificate";
      throw new ValidationError(`The Anaplan private key could not be read: ${reason}.`);
    }
    if (key.asymmetricKeyType !== "rsa") {
      throw new ValidationError(
        `The Anaplan private key is ${key.asymmetricKeyType ?? "not asymmetric"}, but certificate auth needs an RSA key (SHA-512 PKCS#1 v1.5 signatures). Pass the RSA key of the certificate.`,
      );
    }
    return { header: Buffer.from(certificate).toString("base64"), key };
  }
}
