import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ValidationError } from "../../errors/validation-error.js";
import { looksLikePath, readPem } from "./read-pem.js";

const BODY = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj";

describe("readPem", () => {
  it("tells paths from key material", () => {
    assert.equal(looksLikePath("./certs/key.pem"), true);
    assert.equal(looksLikePath("C:\\keys\\anaplan.key"), true);
    assert.equal(looksLikePath("key.pem"), true);
    assert.equal(looksLikePath(BODY), false);
    assert.equal(looksLikePath(`${BODY}\n${BODY}`), false);
    assert.equal(looksLikePath("secret with spaces"), false);
  });

  it("never echoes a value that is neither PEM nor a path", async () => {
    for (const value of [BODY, `${BODY}\n${BODY}`, "not a key at all"]) {
      await assert.rejects(readPem(value, "private key"), (e: unknown) => {
        assert.ok(e instanceof ValidationError);
        assert.match(
          e.message,
          /^The Anaplan private key is neither PEM text \(no -----BEGIN line\) nor a file path \(the value, \d+ characters, is not shown\)/,
        );
        assert.ok(!`${e.message}${e.stack}`.includes(value.slice(0, 12)));
        assert.equal(e.cause, undefined);
        return true;
      });
    }
  });
});
