import type { FlagColumn, Int64Column, TextColumn } from "./event-columns.js";
import { scanJsonValue } from "./scan-json-value.js";

/**
 * Readers of one JSON value of an events page into its column (helpers of `scanEventsPage`):
 * each takes the index of the value and returns the index after it, or {@link FAIL} when the
 * value is not one this scanner reads exactly as the plain parser does.
 */

/** What a reader returns when the page must go to the plain parser. */
export const FAIL = -2;
const TRUE = Buffer.from("true");
const FALSE = Buffer.from("false");
const NULL = Buffer.from("null");

/**
 * A JSON integer (id or epoch ms) as Int64 in row `r`; null stays null. Anything else: FAIL.
 *
 * @example
 * ```ts
 * int64(Buffer.from("9007199254740993,"), 0, col, 0, true) //=> 16 (col.big[0] === 9007199254740993n)
 * ```
 */
export function int64(buf: Buffer, i: number, col: Int64Column, r: number, isId: boolean): number {
  if (buf[i] === 0x6e) return literal(buf, i, NULL);
  const from = i;
  const negative = buf[i] === 0x2d;
  if (negative) i++;
  const first = buf[i]!;
  if (first < 0x30 || first > 0x39) return FAIL;
  let v = 0;
  const digitsFrom = i;
  for (let c = first; c >= 0x30 && c <= 0x39; c = buf[++i]!) v = v * 10 + (c - 0x30);
  const digits = i - digitsFrom;
  const c = buf[i];
  if (c === 0x2e || c === 0x65 || c === 0x45) return FAIL; // a fraction or exponent
  if (first === 0x30 && (digits > 1 || negative)) return FAIL; // leading zero, -0
  if (digits <= 15 && !negative) {
    col.words[2 * r] = v >>> 0;
    col.words[2 * r + 1] = Math.floor(v / 4294967296);
  } else {
    if (!isId || digits > 19) return FAIL; // dates past 2^53 would round in the plain parser
    const big = BigInt(buf.toString("latin1", from, i));
    if (big > 9223372036854775807n || big < -9223372036854775808n) return FAIL;
    col.big[r] = big;
  }
  col.valid[r >> 3]! |= 1 << (r & 7);
  return i;
}

/**
 * A JSON boolean in row `r`; null stays null. Anything else (a flag as text): FAIL.
 *
 * @example
 * ```ts
 * flag(Buffer.from("true}"), 0, col, 0) //=> 4
 * ```
 */
export function flag(buf: Buffer, i: number, col: FlagColumn, r: number): number {
  const c = buf[i];
  if (c === 0x6e) return literal(buf, i, NULL);
  if (c === 0x74) col.bits[r >> 3]! |= 1 << (r & 7);
  else if (c !== 0x66) return FAIL;
  col.valid[r >> 3]! |= 1 << (r & 7);
  return literal(buf, i, c === 0x74 ? TRUE : FALSE);
}

/**
 * A value of a text column in row `r`: a string decoded, null as null, any other value as its
 * JSON text exactly as sent (the plain parser's reading). FAIL for invalid JSON or a string
 * this scanner does not decode the same way (a lone surrogate).
 *
 * @example
 * ```ts
 * text(Buffer.from('"a\\"b",'), 0, 99, col, 0) //=> 6 (the row's text is `a"b`)
 * ```
 */
export function text(buf: Buffer, i: number, limit: number, col: TextColumn, r: number): number {
  const c = buf[i];
  if (c === 0x22) return decodedString(buf, i, limit, col, r);
  if (c === 0x6e) return literal(buf, i, NULL);
  return jsonText(buf, i, limit, col, r);
}

/**
 * A value of a JSON column (`additionalAttributes`) in row `r`: null as null, any other value
 * (strings too) as its JSON text exactly as sent, after checking that it is valid JSON.
 *
 * @example
 * ```ts
 * jsonText(Buffer.from('{ "a" : 1.50 },'), 0, 99, col, 0) //=> 14 (the row's text is `{ "a" : 1.50 }`)
 * ```
 */
export function jsonText(buf: Buffer, i: number, limit: number, col: TextColumn, r: number): number {
  if (buf[i] === 0x6e) return literal(buf, i, NULL);
  const end = scanJsonValue(buf, i, limit);
  if (end < 0) return FAIL;
  col.ensure(end - i);
  buf.copy(col.data, col.end, i, end);
  col.end += end - i;
  col.valid[r >> 3]! |= 1 << (r & 7);
  return end;
}

/** A JSON string at `i` decoded into row `r` (see {@link text}). */
function decodedString(buf: Buffer, i: number, limit: number, col: TextColumn, r: number): number {
  const d = col.data;
  let o = col.end;
  for (let j = i + 1; ; ) {
    let b = buf[j]!;
    // The common bytes: one table look-up each (quote, backslash and control bytes are special).
    while (PLAIN[b] === 1 && j < limit) {
      d[o++] = b;
      b = buf[++j]!;
    }
    if (b === 0x22) {
      col.end = o;
      col.valid[r >> 3]! |= 1 << (r & 7);
      return j + 1;
    }
    if (b !== 0x5c) return FAIL; // a raw control byte, or the string runs past the array
    const e = buf[j + 1];
    if (e === 0x75) {
      const cp = codePoint(buf, j);
      if (cp < 0) return FAIL;
      o = utf8(d, o, cp);
      j += cp > 0xffff ? 12 : 6;
      continue;
    }
    const b2 = ESCAPES[e ?? 0]!;
    if (b2 === 0) return FAIL;
    d[o++] = b2;
    j += 2;
  }
}

/** 1 for the bytes a string copies as they are: not `"`, `\\` or a control byte. */
const PLAIN = new Uint8Array(256).fill(1);
PLAIN.fill(0, 0, 0x20);
PLAIN[0x22] = 0;
PLAIN[0x5c] = 0;

const ESCAPES = new Uint8Array(256);
for (const [e, b] of [
  ['"', 0x22],
  ["\\", 0x5c],
  ["/", 0x2f],
  ["b", 0x08],
  ["f", 0x0c],
  ["n", 0x0a],
  ["r", 0x0d],
  ["t", 0x09],
] as const) {
  ESCAPES[e.charCodeAt(0)] = b;
}

/** The code point of `\uXXXX` (or a `\uD8xx\uDCxx` pair) at `j`; -1 if invalid or a lone surrogate. */
function codePoint(buf: Buffer, j: number): number {
  const u = hex4(buf, j + 2);
  if (u < 0xd800 || u > 0xdfff) return u;
  if (u > 0xdbff || buf[j + 6] !== 0x5c || buf[j + 7] !== 0x75) return -1;
  const low = hex4(buf, j + 8);
  if (low < 0xdc00 || low > 0xdfff) return -1;
  return 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
}

function hex4(buf: Buffer, at: number): number {
  let v = 0;
  for (let k = 0; k < 4; k++) {
    const h = buf[at + k]! | 0x20;
    const d = h >= 0x30 && h <= 0x39 ? h - 0x30 : h >= 0x61 && h <= 0x66 ? h - 0x57 : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

function utf8(d: Uint8Array, o: number, cp: number): number {
  if (cp < 0x80) d[o++] = cp;
  else if (cp < 0x800) {
    d[o++] = 0xc0 | (cp >> 6);
    d[o++] = 0x80 | (cp & 0x3f);
  } else if (cp < 0x10000) {
    d[o++] = 0xe0 | (cp >> 12);
    d[o++] = 0x80 | ((cp >> 6) & 0x3f);
    d[o++] = 0x80 | (cp & 0x3f);
  } else {
    d[o++] = 0xf0 | (cp >> 18);
    d[o++] = 0x80 | ((cp >> 12) & 0x3f);
    d[o++] = 0x80 | ((cp >> 6) & 0x3f);
    d[o++] = 0x80 | (cp & 0x3f);
  }
  return o;
}

/** The index after `word` (true, false, null) at `i`, or FAIL. */
function literal(buf: Buffer, i: number, word: Buffer): number {
  for (let k = 0; k < word.length; k++) if (buf[i + k] !== word[k]) return FAIL;
  return i + word.length;
}
