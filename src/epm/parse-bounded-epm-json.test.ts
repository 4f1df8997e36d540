import assert from "node:assert/strict";
import { test } from "node:test";
import { PayloadError } from "../errors/payload-error.js";
import { Redactor } from "../http/redact.js";
import { parseBoundedEpmJson } from "./parse-bounded-epm-json.js";

const r = new Redactor();
const b = (text: string) => Buffer.from(text);

test("parseBoundedEpmJson parses bodies within the limits, brackets inside strings not counted", () => {
  assert.deepEqual(parseBoundedEpmJson(b('{"a":[[1]],"s":"[[[[\\"{{{"}'), "x", r, { maxDepth: 3 }), {
    a: [[1]],
    s: '[[[["{{{',
  });
  assert.deepEqual(parseBoundedEpmJson(b("[[[]],[[]]]"), "x", r, { maxDepth: 3 }), [[[]], [[]]]);
  assert.equal(parseBoundedEpmJson(b("12"), "x", r, { maxBytes: 2 }), 12);
});

test("parseBoundedEpmJson refuses deep nesting before parsing, with the limit and the offset", () => {
  assert.throws(
    () => parseBoundedEpmJson(b('{"a":[[[1]]]}'), "job status", r, { maxDepth: 3 }),
    (e: unknown) =>
      e instanceof PayloadError &&
      e.message.startsWith(
        "Oracle EPM job status answered JSON nested more than 3 levels deep (level 4 opens at byte 7) — not an EPM envelope.",
      ),
  );
  const deep = "[".repeat(1_000_000) + "]".repeat(1_000_000);
  assert.throws(
    () => parseBoundedEpmJson(b(deep), "x", r),
    /nested more than 64 levels deep \(level 65 opens at byte 64\)/,
  );
});

test("parseBoundedEpmJson refuses a body past maxBytes before parsing, and says what is not JSON", () => {
  assert.throws(
    () => parseBoundedEpmJson(b(`"${"x".repeat(100)}"`), "listing", r, { maxBytes: 50 }),
    /^PayloadError: Oracle EPM listing answered a JSON body of 102 bytes, more than the 50 allowed \(maxJsonBytes\)/,
  );
  assert.throws(
    () => parseBoundedEpmJson(b("<html>502</html>"), "listing", r),
    /^PayloadError: Oracle EPM listing answered with a body that is not JSON \(looks like an HTML page\)/,
  );
  assert.throws(
    () => parseBoundedEpmJson(b('{"status":'), "listing", r),
    /answered with a body that is not JSON\./,
  );
});

test("parseBoundedEpmJson scrubs secrets from the excerpt", () => {
  const red = new Redactor();
  red.add("hunter2-secret");
  try {
    parseBoundedEpmJson(b("oops hunter2-secret"), "x", red);
    assert.fail("expected an error");
  } catch (error) {
    assert.ok(error instanceof PayloadError);
    assert.equal(error.bodyExcerpt, "oops [REDACTED]");
  }
});
