import { isUtf8 } from "node:buffer";
import { quoteIds, textOf } from "../parse/read-json-body.js";
import {
  EVENT_COLUMNS,
  type EventColumns,
  type FlagColumn,
  type Int64Column,
  type TextColumn,
} from "./event-columns.js";
import { type ScanState, scanJsonValue } from "./json-attributes.js";

/** What {@link scanEventsPage} found besides the columns. */
export interface ScannedPage {
  /** Events scanned (rows of the columns). */
  rows: number;
  /** The page without its events: `{ meta, …, response: [] }`. */
  envelope: Record<string, unknown>;
}

const RESPONSE = Buffer.from('"response":');
const KEYS = EVENT_COLUMNS.map((c) => Buffer.from(c.name, "latin1"));
const KEY_INDEX = new Map(EVENT_COLUMNS.map((c, k) => [c.name, k]));
/** The kind of each column as a number: 0 int64, 1 flag, 2 text, 3 json. */
const KINDS = Int8Array.from(EVENT_COLUMNS, (c) => ["int64", "flag", "text", "json"].indexOf(c.kind));
const UNKNOWN = -1;
const FAIL = -2;
/** The column whose key followed each column's key last time (+1: slot 0 is "row start"). */
const NEXT = new Int32Array(EVENT_COLUMNS.length + 2).fill(UNKNOWN);
const TRUE = Buffer.from("true");
const FALSE = Buffer.from("false");
const NULL = Buffer.from("null");
const state: ScanState = { end: 0, canonical: true };

/**
 * Reads the events of an Anaplan audit events page (`{meta, response:[…]}`) straight from its
 * bytes into `cols`, with exactly the values `parseEventsPagePlain` gives (text decoded from
 * JSON escapes, `additionalAttributes` as the JSON text `JSON.stringify` would print, absent
 * keys as null, unknown keys skipped) but `id` and the dates left as Int64. No JavaScript object
 * or string is made per value on the common path.
 *
 * Returns undefined whenever it cannot be sure of the plain parser's result, so the caller uses
 * that parser (which also produces the right error): invalid JSON or UTF-8, `response` not the
 * last key, a key twice in an event, an id that is text, past Int64 or has a fraction, dates or flags that are not JSON integers or booleans, a lone escaped surrogate,
 * or a row count other than `currentPageSize`.
 *
 * @param body - the response bytes (not modified)
 * @param cols - the columns to fill (emptied first)
 * @returns the row count and the envelope, or undefined (use the plain parser)
 * @example
 * ```ts
 * const cols = new EventColumns();
 * scanEventsPage(Buffer.from('{"response":[{"id":1},{"id":2}]}'), cols)?.rows //=> 2
 * ```
 */
export function scanEventsPage(body: Uint8Array, cols: EventColumns): ScannedPage | undefined {
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const key = buf.indexOf(RESPONSE);
  if (key < 0) return undefined;
  const start = ws(buf, key + RESPONSE.length);
  if (buf[start] !== 0x5b) return undefined;
  let end = buf.length - 1;
  while (end > start && isWs(buf[end]!)) end--;
  if (buf[end] !== 0x7d) return undefined;
  end--;
  while (end > start && isWs(buf[end]!)) end--;
  if (buf[end] !== 0x5d) return undefined;
  let envelope: unknown;
  try {
    envelope = JSON.parse(`${buf.toString("utf8", 0, key)}"response":[]}`);
  } catch {
    return undefined;
  }
  if (!envelope || typeof envelope !== "object" || Array.isArray(envelope) || !isUtf8(buf)) return undefined;
  const announced = (envelope as { meta?: { paging?: { currentPageSize?: unknown } } }).meta?.paging
    ?.currentPageSize;
  cols.reset(typeof announced === "number" ? announced : 1024, end - start);
  let i = ws(buf, start + 1);
  if (i !== end) {
    for (;;) {
      i = row(buf, i, end, cols);
      if (i < 0) return undefined;
      i = ws(buf, i);
      if (buf[i] === 0x2c) i = ws(buf, i + 1);
      else if (i === end) break;
      else return undefined;
    }
  }
  if (typeof announced === "number" && announced !== cols.rows) return undefined;
  return { rows: cols.rows, envelope: envelope as Record<string, unknown> };
}

/** One event object at `i`; returns the index after it, or FAIL. */
function row(buf: Buffer, i: number, limit: number, cols: EventColumns): number {
  if (buf[i] !== 0x7b) return FAIL;
  i = ws(buf, i + 1);
  const r = cols.rows;
  let seen = 0;
  let prev = 0;
  if (buf[i] === 0x7d) {
    cols.endRow();
    return i + 1;
  }
  for (;;) {
    if (buf[i] !== 0x22) return FAIL;
    // The key: first the one that followed the previous key last time, else a lookup.
    let k = NEXT[prev]!;
    let after = k >= 0 ? keyEnd(buf, i + 1, KEYS[k]!) : FAIL;
    if (after < 0) {
      let j = i + 1;
      for (let c = buf[j]!; c !== 0x22 && c !== 0x5c; c = buf[++j]!) if (c < 0x20 || j >= limit) return FAIL;
      if (buf[j] === 0x22) {
        k = knownKey(buf, i + 1, j);
        NEXT[prev] = k;
        after = j + 1;
      } else {
        // An escaped key ("mess\u0061ge" is "message"): decoded as JSON.parse would.
        scanJsonValue(buf, i, limit, state);
        if (state.end < 0) return FAIL;
        k = KEY_INDEX.get(JSON.parse(buf.toString("utf8", i, state.end)) as string) ?? UNKNOWN;
        after = state.end;
      }
    }
    i = buf[after] === 0x3a ? after : ws(buf, after);
    if (buf[i] !== 0x3a) return FAIL;
    i = isWs(buf[++i]!) ? ws(buf, i) : i;
    if (k === UNKNOWN) {
      scanJsonValue(buf, i, limit, state);
      i = state.end;
      prev = EVENT_COLUMNS.length + 1;
    } else {
      if (seen & (1 << k)) return FAIL;
      seen |= 1 << k;
      const col = cols.columns[k]!;
      const kind = KINDS[k]!;
      i =
        kind === 2
          ? text(buf, i, limit, col as TextColumn, r, false)
          : kind === 0
            ? int64(buf, i, col as Int64Column, r, k === 0)
            : kind === 1
              ? flag(buf, i, col as FlagColumn, r)
              : text(buf, i, limit, col as TextColumn, r, true);
      prev = k + 1;
    }
    if (i < 0) return FAIL;
    if (isWs(buf[i]!)) i = ws(buf, i);
    const c = buf[i];
    if (c === 0x7d) break;
    if (c !== 0x2c) return FAIL;
    i = isWs(buf[++i]!) ? ws(buf, i) : i;
  }
  cols.endRow();
  return i + 1;
}

/** The column whose name is the bytes `from..to`, or UNKNOWN (no string is made). */
function knownKey(buf: Buffer, from: number, to: number): number {
  const n = to - from;
  for (let k = 0; k < KEYS.length; k++) {
    const name = KEYS[k]!;
    if (name.length !== n) continue;
    let same = true;
    for (let b = 0; b < n && same; b++) same = buf[from + b] === name[b];
    if (same) return k;
  }
  return UNKNOWN;
}

/** Index after the closing quote when the key at `i` is `name`, else FAIL. */
function keyEnd(buf: Buffer, i: number, name: Buffer): number {
  const n = name.length;
  for (let k = 0; k < n; k++) if (buf[i + k] !== name[k]) return FAIL;
  return buf[i + n] === 0x22 ? i + n + 1 : FAIL;
}

/** A JSON integer (id or epoch ms) as Int64; null stays null. Anything else: FAIL. */
function int64(buf: Buffer, i: number, col: Int64Column, r: number, isId: boolean): number {
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

function flag(buf: Buffer, i: number, col: FlagColumn, r: number): number {
  const c = buf[i];
  if (c === 0x6e) return literal(buf, i, NULL);
  if (c === 0x74) col.bits[r >> 3]! |= 1 << (r & 7);
  else if (c !== 0x66) return FAIL;
  col.valid[r >> 3]! |= 1 << (r & 7);
  return literal(buf, i, c === 0x74 ? TRUE : FALSE);
}

/**
 * A value of a text column: a string decoded, null as null, and any other value as the plain
 * parser's `textOf` prints it — canonical objects and arrays of `json` (additionalAttributes)
 * copied as they are, everything else through `textOf(JSON.parse(quoteIds(…)))` itself.
 */
function text(buf: Buffer, i: number, limit: number, col: TextColumn, r: number, json: boolean): number {
  const c = buf[i];
  if (c === 0x22) {
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
      if (b === 0x5c) {
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
        continue;
      }
      return FAIL; // a raw control byte, or the string runs past the array
    }
  }
  if (c === 0x6e) return literal(buf, i, NULL);
  scanJsonValue(buf, i, limit, state);
  const end = state.end;
  if (end < 0) return FAIL;
  if (state.canonical && (json || c === 0x74 || c === 0x66 || (c !== 0x7b && c !== 0x5b))) {
    // Literals, canonical integers, and (for attributes) canonical objects print as their bytes.
    col.ensure(end - i);
    buf.copy(col.data, col.end, i, end);
    col.end += end - i;
  } else {
    const printed = textOf(JSON.parse(quoteIds(buf.toString("utf8", i, end))));
    if (printed === null) return end;
    const bytes = Buffer.from(printed, "utf8");
    // Printed text may be longer than its bytes (1e300 → 1e+300): keep room for all that follows.
    col.ensure(bytes.length + limit - end);
    col.data.set(bytes, col.end);
    col.end += bytes.length;
  }
  col.valid[r >> 3]! |= 1 << (r & 7);
  return end;
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

function literal(buf: Buffer, i: number, word: Buffer): number {
  for (let k = 0; k < word.length; k++) if (buf[i + k] !== word[k]) return FAIL;
  return i + word.length;
}

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function ws(buf: Buffer, i: number): number {
  while (isWs(buf[i]!)) i++;
  return i;
}
