import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SpareBuffers } from "./spare-buffers.js";

describe("SpareBuffers", () => {
  it("lends a kept buffer big enough, else a new one with 25 % room, and keeps at most max", () => {
    const spares = new SpareBuffers(1);
    const first = spares.take(100);
    assert.equal(first.byteLength, 125);
    assert.ok(spares.owns(first.buffer));
    assert.equal(spares.owns(Buffer.from("pooled").buffer), false);
    spares.give(first.buffer as ArrayBuffer);
    spares.give(new ArrayBuffer(10)); // over max: dropped
    assert.equal(spares.bytes, 125);
    assert.equal(spares.take(200).byteLength, 250, "the kept one is too small: a new one");
    assert.equal(spares.take(120).buffer, first.buffer, "the kept one, lent again");
    assert.equal(spares.bytes, 0);
    spares.give(first.buffer as ArrayBuffer);
    spares.clear();
    assert.equal(spares.bytes, 0);
  });
});
