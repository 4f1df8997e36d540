import assert from "node:assert/strict";
import { createPrivateKey, createPublicKey, verify, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { certificatePayload } from "./cert-v2-payload.js";

const dir = new URL("../../../test/fixtures/anaplan-cert/", import.meta.url);
const certPem = readFileSync(new URL("cert.pem", dir), "utf8");
const key = createPrivateKey(readFileSync(new URL("key.pem", dir), "utf8"));

describe("certificatePayload (v2)", () => {
  it("is 8 bytes of big-endian Unix seconds plus 92 random bytes, signed RSA PKCS#1 v1.5 SHA-512", () => {
    const now = Date.parse("2025-06-24T03:47:06.999Z"); // 1750736826 s, the official example
    const body = certificatePayload(key, now, (n) => Buffer.alloc(n, 0xab));
    assert.equal(body.encodedDataFormat, "v2");
    const data = Buffer.from(body.encodedData, "base64");
    assert.equal(data.length, 100);
    assert.deepEqual([...data.subarray(0, 8)], [0x00, 0x00, 0x00, 0x00, 0x68, 0x5a, 0x1f, 0xba]);
    assert.ok(data.subarray(8).every((b) => b === 0xab));
    const publicKey = new X509Certificate(certPem).publicKey;
    assert.ok(verify("sha512", data, publicKey, Buffer.from(body.encodedSignedData, "base64")));
    assert.ok(!verify("sha256", data, createPublicKey(key), Buffer.from(body.encodedSignedData, "base64")));
  });

  it("draws fresh random bytes for every payload", () => {
    const a = certificatePayload(key, 0);
    const b = certificatePayload(key, 0);
    assert.notEqual(a.encodedData, b.encodedData);
  });
});
