import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { PayloadError } from "../../errors/payload-error.js";
import { jsonDepth, MAX_JSON_DEPTH, readJsonBody } from "./read-json-body.js";

describe("readJsonBody limits", () => {
  it("jsonDepth counts arrays and objects, skipping strings and escapes", () => {
    assert.equal(jsonDepth('{"a":[1,{"b":"[[\\"{{"}]}', 64), 3);
    assert.equal(jsonDepth("1", 64), 0);
    assert.equal(jsonDepth("[".repeat(1000), 10), 11, "stops counting past the limit");
  });

  it("refuses JSON nested deeper than MAX_JSON_DEPTH with the numbers, accepts exactly the limit", () => {
    const at = `${"[".repeat(MAX_JSON_DEPTH)}${"]".repeat(MAX_JSON_DEPTH)}`;
    assert.ok(Array.isArray(readJsonBody(Buffer.from(at), "x")));
    const deep = `{"a":${"[".repeat(1_000_000)}${"]".repeat(1_000_000)}}`;
    assert.throws(
      () => readJsonBody(Buffer.from(deep), "an Anaplan users page"),
      (e: unknown) =>
        e instanceof PayloadError &&
        e.code === "E_PAYLOAD" &&
        e.bound?.name === "maxJsonDepth" &&
        e.bound.limit === MAX_JSON_DEPTH &&
        e.bound.observed === MAX_JSON_DEPTH + 1 &&
        e.message.startsWith("Expected an Anaplan users page but the JSON is nested deeper than 64 levels"),
    );
  });
});
