import assert from "node:assert/strict";
import { describe, it } from "node:test";
import pl from "nodejs-polars";
import { IpcWriter } from "./arrow-ipc.js";

const bits = (...set: boolean[]) => {
  const out = new Uint8Array(Math.ceil(set.length / 8) || 1);
  set.forEach((on, i) => {
    if (on) out[i >> 3]! |= 1 << (i & 7);
  });
  return out;
};

describe("IpcWriter", () => {
  it("writes Int64, Utf8 and Bool columns with nulls that Polars reads back exactly", () => {
    const writer = new IpcWriter([
      { name: "n", type: "int64" },
      { name: "s", type: "utf8" },
      { name: "b", type: "bool" },
    ]);
    const ints = new BigInt64Array([9223372036854775807n, -5n, 0n]);
    const text = Buffer.from("Zoë日本");
    const bytes = writer.write(3, [
      { validity: bits(true, true, false), data: new Uint8Array(ints.buffer) },
      { validity: bits(true, false, true), offsets: Int32Array.of(0, 4, 4, text.length), data: text },
      { validity: bits(true, true, true), data: bits(true, false, true) },
    ]);
    const frame = pl.readIPCStream(Buffer.from(bytes));
    assert.deepEqual(frame.columns, ["n", "s", "b"]);
    assert.deepEqual(
      frame.dtypes.map((t) => t.variant),
      ["Int64", "String", "Bool"],
    );
    assert.deepEqual(frame.getColumn("n").cast(pl.String).toArray(), ["9223372036854775807", "-5", null]);
    assert.deepEqual(frame.getColumn("s").toArray(), ["Zoë", null, "日本"]);
    assert.deepEqual(frame.getColumn("b").toArray(), [true, false, true]);
  });

  it("writes Utf8View columns: inline short values, long ones shared in one data buffer", () => {
    const writer = new IpcWriter([
      { name: "a", type: "utf8view" },
      { name: "b", type: "utf8view" },
    ]);
    const long = Buffer.from("a value longer than twelve bytes");
    const view = (text: string | null, offset = 0) => {
      const out = new Uint8Array(16);
      if (text === null) return out;
      const bytes = Buffer.from(text);
      const dv = new DataView(out.buffer);
      dv.setInt32(0, bytes.length, true);
      if (bytes.length <= 12) out.set(bytes, 4);
      else {
        out.set(bytes.subarray(0, 4), 4);
        dv.setInt32(12, offset, true);
      }
      return out;
    };
    const views = (...parts: Uint8Array[]) => Buffer.concat(parts);
    const bytes = writer.write(3, [
      {
        validity: bits(true, false, true),
        views: views(view(long.toString()), view(null), view(long.toString())),
        data: long,
      },
      {
        validity: bits(true, true, true),
        views: views(view("short"), view(""), view("Zoë")),
        data: new Uint8Array(0),
      },
    ]);
    const frame = pl.readIPCStream(Buffer.from(bytes));
    assert.deepEqual(
      frame.dtypes.map((t) => t.variant),
      ["String", "String"],
    );
    assert.deepEqual(frame.getColumn("a").toArray(), [long.toString(), null, long.toString()]);
    assert.deepEqual(frame.getColumn("b").toArray(), ["short", "", "Zoë"]);
  });

  it("writes a zero-row batch, and reuses its buffer from one call to the next", () => {
    const writer = new IpcWriter([{ name: "s", type: "utf8" }]);
    const empty = writer.write(0, [
      { validity: new Uint8Array(0), offsets: Int32Array.of(0), data: new Uint8Array(0) },
    ]);
    assert.equal(pl.readIPCStream(Buffer.from(empty)).height, 0);
    const one = writer.write(1, [
      { validity: bits(true), offsets: Int32Array.of(0, 1), data: Buffer.from("x") },
    ]);
    assert.equal(one.buffer, empty.buffer, "the same output buffer");
    assert.deepEqual(pl.readIPCStream(Buffer.from(one)).getColumn("s").toArray(), ["x"]);
  });
});
