import assert from "node:assert/strict";
import { test } from "node:test";
import { crc32, inflateRawSync } from "node:zlib";
import { unzipSync } from "fflate";
import { epmSimZip } from "./epm-sim-zip.js";

const csv = Buffer.from("A,B\r\n1,2\r\n");

test("epmSimZip: the report alone, or the hostile entry sets", () => {
  const names = (zip: Uint8Array) => Object.keys(unzipSync(zip));
  assert.deepEqual(names(epmSimZip("csv", "r.csv", csv)), ["r.csv"]);
  assert.deepEqual(names(epmSimZip("twoCsv", "r.csv", csv)), ["r.csv", "r-2.csv"]);
  assert.deepEqual(names(epmSimZip("csvAndText", "r.csv", csv)), ["r.csv", "readme.txt"]);
  assert.deepEqual(names(epmSimZip("nonCsv", "r.csv", csv)), ["r.txt"]);
  assert.deepEqual(Buffer.from(unzipSync(epmSimZip("csv", "r.csv", csv))["r.csv"]!), csv);
});

test("epmSimZip bomb: a valid zip of zeros with honest sizes and CRC; lyingSize declares the report's size", () => {
  const size = 1_000_003;
  const bomb = epmSimZip("bomb", "r.csv", csv, size);
  assert.ok(bomb.length < size / 100, `${bomb.length} bytes`);
  const view = Buffer.from(bomb);
  const compressed = view.readUInt32LE(18);
  const data = inflateRawSync(view.subarray(30 + 5, 30 + 5 + compressed));
  assert.equal(data.length, size);
  assert.ok(data.every((b) => b === 0));
  assert.equal(view.readUInt32LE(14), crc32(data));
  assert.equal(view.readUInt32LE(22), size);
  const listed: Array<{ name: string; originalSize: number }> = [];
  unzipSync(bomb, {
    filter: (f) => {
      listed.push(f);
      return false;
    },
  });
  assert.deepEqual(
    listed.map((f) => [f.name, f.originalSize]),
    [["r.csv", size]],
  );
  const lying = Buffer.from(epmSimZip("lyingSize", "r.csv", csv, size));
  assert.equal(lying.readUInt32LE(22), csv.length);
  assert.equal(lying.readUInt32LE(lying.length - 22 - 46 - 5 + 24), csv.length);
});
