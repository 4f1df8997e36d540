import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { clientTransport, msClock } from "./client-transport.js";
import { Redactor } from "./redact.js";

describe("msClock", () => {
  it("reads numbers and Dates as epoch ms, and defaults to the real clock", () => {
    assert.equal(msClock(() => 42)(), 42);
    assert.equal(msClock(() => new Date("2026-11-01T00:00:00Z"))(), Date.parse("2026-11-01T00:00:00Z"));
    assert.equal(msClock(undefined), Date.now);
  });
});

describe("clientTransport", () => {
  it("shares the client's redactor and takes the log it is given", async () => {
    const redactor = new Redactor();
    const log = { warn() {} };
    const t = clientTransport({ maxConcurrency: 2, log }, redactor);
    assert.equal(t.redactor, redactor);
    assert.equal(t.log, log);
    await t.close();
  });
});
