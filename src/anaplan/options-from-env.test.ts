import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { anaplanOptionsFromEnv } from "./options-from-env.js";

describe("anaplanOptionsFromEnv", () => {
  it("returns undefined without any ANAPLAN_* variable (empty values count as unset)", () => {
    assert.equal(anaplanOptionsFromEnv({}), undefined);
    assert.equal(anaplanOptionsFromEnv({ ANAPLAN_EMAIL: " ", ANAPLAN_AUTH_URL: "" }), undefined);
  });

  it("refuses a URL or passphrase without a credential instead of falling back to the simulator", () => {
    assert.throws(() => anaplanOptionsFromEnv({ ANAPLAN_EMAIL: " ", ANAPLAN_AUDIT_URL: "http://x" }), {
      name: "ValidationError",
      code: "E_VALIDATION",
      message:
        "ANAPLAN_AUDIT_URL is set without an Anaplan credential: set ANAPLAN_EMAIL and ANAPLAN_PASSWORD (or ANAPLAN_CERTIFICATE + ANAPLAN_PRIVATE_KEY, or ANAPLAN_TOKEN, or ANAPLAN_OAUTH_CLIENT_ID after epm-audit-kit login anaplan), or unset ANAPLAN_AUDIT_URL to use the simulator.",
    });
    assert.throws(
      () => anaplanOptionsFromEnv({ ANAPLAN_PASSPHRASE: "secret-pp", ANAPLAN_API_URL: "http://y" }),
      {
        message: /^ANAPLAN_PASSPHRASE, ANAPLAN_API_URL are set without an Anaplan credential/,
      },
    );
  });

  it("reads basic, certificate and token credentials with optional URLs", () => {
    assert.deepEqual(
      anaplanOptionsFromEnv({
        ANAPLAN_EMAIL: "a@x.com",
        ANAPLAN_PASSWORD: "pw12",
        ANAPLAN_AUDIT_URL: "http://a",
      }),
      {
        authUrl: undefined,
        auditUrl: "http://a",
        apiUrl: undefined,
        email: "a@x.com",
        password: "pw12",
      },
    );
    assert.deepEqual(
      anaplanOptionsFromEnv({
        ANAPLAN_CERTIFICATE: "c.pem",
        ANAPLAN_PRIVATE_KEY: "k.pem",
        ANAPLAN_PASSPHRASE: "pp",
      }),
      {
        authUrl: undefined,
        auditUrl: undefined,
        apiUrl: undefined,
        certificate: "c.pem",
        privateKey: "k.pem",
        passphrase: "pp",
      },
    );
    assert.equal(anaplanOptionsFromEnv({ ANAPLAN_TOKEN: "tok", ANAPLAN_EMAIL: "a@x.com" })?.token, "tok");
  });
});
