import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { epmOptionsFromEnv } from "./epm-options-from-env.js";

describe("epmOptionsFromEnv", () => {
  it("returns undefined without any EPM_* variable (empty values count as unset)", () => {
    assert.equal(epmOptionsFromEnv({}), undefined);
    assert.equal(epmOptionsFromEnv({ EPM_USERNAME: " ", EPM_TOKEN: "" }), undefined);
  });

  it("reads a password login or a token, the token winning", () => {
    assert.deepEqual(epmOptionsFromEnv({ EPM_URL: "https://p", EPM_USERNAME: "u", EPM_PASSWORD: "pw" }), {
      url: "https://p",
      username: "u",
      password: "pw",
    });
    assert.deepEqual(epmOptionsFromEnv({ EPM_URL: "https://p", EPM_USERNAME: "u", EPM_TOKEN: "t" }), {
      url: "https://p",
      token: "t",
    });
  });

  it("refuses credentials without EPM_URL, naming them and never echoing their values", () => {
    const secret = "s3cr3t-Passw0rd";
    assert.throws(
      () => epmOptionsFromEnv({ EPM_USERNAME: "me@corp", EPM_PASSWORD: secret }),
      (error: Error & { code?: string }) => {
        assert.equal(error.name, "ValidationError");
        assert.equal(error.code, "E_VALIDATION");
        assert.equal(
          error.message,
          "EPM_USERNAME, EPM_PASSWORD are set but EPM_URL is not: set EPM_URL to your pod (https://<pod>.oraclecloud.com), or unset EPM_USERNAME, EPM_PASSWORD to use the simulator.",
        );
        assert.ok(!error.message.includes(secret));
        return true;
      },
    );
    assert.throws(() => epmOptionsFromEnv({ EPM_TOKEN: "tok" }), {
      message: /^EPM_TOKEN is set but EPM_URL is not/,
    });
  });
});
