import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseRetryAfter, retryDelay } from "./retry-delay.js";

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates relative to the given now", () => {
    assert.equal(parseRetryAfter("2", 0), 2000);
    assert.equal(parseRetryAfter("0.5", 0), 500);
    assert.equal(
      parseRetryAfter("Wed, 21 Oct 2026 07:28:00 GMT", Date.parse("Wed, 21 Oct 2026 07:27:59 GMT")),
      1000,
    );
    assert.equal(parseRetryAfter(undefined, 0), undefined);
    assert.equal(parseRetryAfter("soon", 0), undefined);
  });
});

describe("retryDelay", () => {
  it("uses full jitter over a capped exponential step", () => {
    assert.equal(
      retryDelay(0, {}, undefined, () => 0.5),
      150,
    );
    assert.equal(
      retryDelay(3, {}, undefined, () => 1),
      2400,
    );
    assert.equal(
      retryDelay(20, { maxDelayMs: 1000 }, undefined, () => 1),
      1000,
    );
  });
  it("never waits less than Retry-After", () => {
    assert.equal(
      retryDelay(0, {}, 2000, () => 0.5),
      2000,
    );
  });
});
