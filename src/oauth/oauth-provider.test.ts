import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "../errors/validation-error.js";
import { anaplanOAuthProvider, epmOAuthProvider, epmOAuthScope } from "./oauth-provider.js";

describe("OAuth providers", () => {
  it("Anaplan: JSON bodies, AnaplanAuthToken, endpoints under the region host", () => {
    assert.deepEqual(anaplanOAuthProvider({ url: "https://eu3.app.anaplan.com/", clientId: "abc" }), {
      system: "anaplan",
      deviceUrl: "https://eu3.app.anaplan.com/oauth/device/code",
      tokenUrl: "https://eu3.app.anaplan.com/oauth/token",
      authorizeUrl: "https://eu3.app.anaplan.com/auth/authorize",
      clientId: "abc",
      clientSecret: undefined,
      scope: "openid email offline_access",
      encoding: "json",
      scheme: "AnaplanAuthToken",
    });
  });

  it("EPM scope: the two URNs joined with no separator, then offline_access", () => {
    const want = "urn:opc:serviceInstanceID=687065603urn:opc:resource:consumer::all offline_access";
    assert.equal(epmOAuthScope("687065603"), want);
    assert.equal(epmOAuthScope("urn:opc:serviceInstanceID=687065603urn:opc:resource:consumer::all"), want);
    assert.equal(epmOAuthScope(want), want);
    for (const bad of ["", "urn:opc:serviceInstanceID=687065603:urn:opc:resource:consumer/*", "a b"]) {
      assert.throws(() => epmOAuthScope(bad), ValidationError);
    }
    assert.equal(
      epmOAuthProvider({ url: "https://idcs-1.identity.oraclecloud.com", clientId: "c", scope: "1" })
        .encoding,
      "form",
    );
  });

  it("a missing or malformed URL or client id names the variable", () => {
    assert.throws(
      () => anaplanOAuthProvider({ url: "not a url", clientId: "abc" }),
      /ANAPLAN_OAUTH_URL must be/,
    );
    assert.throws(
      () => anaplanOAuthProvider({ url: "https://x", clientId: "" }),
      /ANAPLAN_OAUTH_CLIENT_ID must be/,
    );
    assert.throws(
      () => epmOAuthProvider({ url: "ftp://x", clientId: "c", scope: "1" }),
      /EPM_OAUTH_URL must be an http/,
    );
  });
});
