import { type KeyObject, randomBytes, sign } from "node:crypto";

/** The JSON body of a CA-certificate sign-in. */
export interface CertificatePayload {
  encodedData: string;
  encodedSignedData: string;
  encodedDataFormat: "v2";
}

/**
 * Builds the v2 body of `POST /token/authenticate` for CA-certificate auth: `encodedData` is
 * 100 bytes — 8 bytes of Unix seconds (big-endian) then 92 random bytes — and
 * `encodedSignedData` their RSA PKCS#1 v1.5 SHA-512 signature, both base64.
 *
 * @param key - the RSA private key
 * @param nowMs - the current time in epoch ms
 * @param random - source of the 92 random bytes. @default crypto.randomBytes
 * @returns the body to send as JSON
 * @example
 * ```ts
 * const body = certificatePayload(key, Date.now());
 * Buffer.from(body.encodedData, "base64").readBigUInt64BE(0) //=> BigInt(Math.floor(Date.now() / 1000))
 * ```
 */
export function certificatePayload(
  key: KeyObject,
  nowMs: number,
  random: (size: number) => Buffer = randomBytes,
): CertificatePayload {
  const data = Buffer.alloc(100);
  data.writeBigUInt64BE(BigInt(Math.floor(nowMs / 1000)), 0);
  random(92).copy(data, 8);
  return {
    encodedData: data.toString("base64"),
    encodedSignedData: sign("sha512", data, key).toString("base64"),
    encodedDataFormat: "v2",
  };
}
