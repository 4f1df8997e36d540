import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { EXACT_JSON_MAX_DEPTH, type ExactValue, readExactJson, sourceOf } from "./exact-json.js";

const members = (v: ExactValue) =>
  v.type === "object" ? v.members : assert.fail(`${v.type}, not an object`);

describe("readExactJson", () => {
  it("keeps numbers as written and decodes strings as JSON.parse does", () => {
    const text =
      '\uFEFF { "id" : 1389498298478657537, "n": [-0, 1E+5, 0.10], "s": "a\\u00e9\\ud83d\\ude00\\/" }';
    const m = members(readExactJson(text));
    assert.equal(sourceOf(text, m.get("id")!), "1389498298478657537");
    assert.equal(sourceOf(text, m.get("n")!), "[-0, 1E+5, 0.10]");
    const s = m.get("s")!;
    assert.equal(s.type === "string" && s.value, "aé😀/");
  });

  it("keeps the last value of a repeated key (escaped or not) in the first place, as JSON.parse does", () => {
    const text = '{"a":1,"b":2,"\\u0061":3}';
    const m = members(readExactJson(text));
    assert.deepEqual([...m.keys()], Object.keys(JSON.parse(text)));
    assert.equal(sourceOf(text, m.get("a")!), "3");
  });

  it("locates but does not keep what is nested deeper than keepDepth", () => {
    const text = '{"a":{"b":{"c":1}},"d":[1,[2]]}';
    const m = members(readExactJson(text, 1));
    const a = m.get("a")!;
    assert.equal(sourceOf(text, a), '{"b":{"c":1}}');
    assert.equal(a.type === "object" && a.members.size, 0);
  });

  it("refuses what JSON.parse refuses, with a SyntaxError", () => {
    for (const bad of [
      "",
      "{",
      '{"a":1,}',
      "[1 2]",
      '"\\x"',
      '"\\u12"',
      '"a\nb"',
      "01",
      "1.",
      "+1",
      "nul",
      '{"a":1} x',
      "{'a':1}",
    ]) {
      assert.throws(() => JSON.parse(bad), SyntaxError, `JSON.parse accepts ${bad}`);
      assert.throws(() => readExactJson(bad), SyntaxError, bad);
      assert.throws(() => readExactJson(bad, 0), SyntaxError, `${bad} (not kept)`);
    }
  });

  it("stops at EXACT_JSON_MAX_DEPTH levels with a RangeError", () => {
    const deep = (n: number) => "[".repeat(n) + "]".repeat(n);
    assert.equal(readExactJson(deep(EXACT_JSON_MAX_DEPTH)).type, "array");
    assert.throws(() => readExactJson(deep(EXACT_JSON_MAX_DEPTH + 1)), RangeError);
  });
});
