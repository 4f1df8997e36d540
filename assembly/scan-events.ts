// The events-page scanner in WebAssembly (AssemblyScript): the first tier of `IpcScanner`
// (src/anaplan/ingest/ipc-scanner.ts). It reads the `response` array of an Anaplan audit events
// page into column buffers, 16 bytes at a time where it can (SIMD), but only for the shapes the
// API documents: plain keys, strings, Int64 ids, dates of at most 15 digits, booleans, nulls and
// compact JSON attributes (kept as sent). Anything else — and any doubt — returns FAIL, and the
// JavaScript scanner (src/anaplan/ingest/scan-events.ts) reads the page, with the plain parser
// behind it. So this tier never decides a value the others would read differently: it either
// reads the page the same way or declines it.
//
// The columns (key, kind) are not written here: `defineColumn` receives them at start-up from
// the one declaration of the layout (src/anaplan/event-layout.ts), whose `SCANNER_KIND_CODES`
// must equal the KIND_* constants below (event-layout.test.ts checks this file against it).
//
// Memory: tables and the key names first, then per page (see `prepare`) the input bytes and each
// column's buffers. Nothing is freed; a page reuses the previous page's regions.

const FAIL: i32 = -2;
const MAX_COLUMNS: i32 = 32;
/** Epoch milliseconds: a non-negative JSON integer of at most 15 digits, as Int64. */
const KIND_MS: i32 = 0;
/** An event id: any JSON integer that fits Int64. */
const KIND_ID: i32 = 1;
const KIND_FLAG: i32 = 2;
const KIND_TEXT: i32 = 3;
const KIND_JSON: i32 = 4;
const UNKNOWN: i32 = -1;

// Per column: name offset and length (in NAMES), kind, and the page's buffers.
const NAME_AT = memory.data(MAX_COLUMNS * 4);
const NAME_LEN = memory.data(MAX_COLUMNS * 4);
const KIND = memory.data(MAX_COLUMNS * 4);
const DATA = memory.data(MAX_COLUMNS * 4);
const DATA_END = memory.data(MAX_COLUMNS * 4);
const VIEWS = memory.data(MAX_COLUMNS * 4);
const CACHE = memory.data(MAX_COLUMNS * 4);
const VALID = memory.data(MAX_COLUMNS * 4);
const VALUES = memory.data(MAX_COLUMNS * 4);
/** The column whose key followed each column's key last time (+1: slot 0 is "row start"). */
const NEXT = memory.data((MAX_COLUMNS + 2) * 4);
/** Key names back to back, each followed by 16 spare bytes (for 16-byte compares). */
const NAMES = memory.data(2048);
/** Key ranges of the attribute objects being scanned (duplicate keys are not canonical). */
const SEEN = memory.data(512 * 4);

let columns: i32 = 0;
let namesEnd: i32 = 0;
let input: usize = 0;
let capacity: i32 = 0;
/** The bytes and rows the current layout has room for (see `prepare`). */
let laidOutLength: i32 = 0;
let laidOutRows: i32 = 0;
let rows: i32 = 0;
let seenTop: i32 = 0;

@inline function get(table: usize, k: i32): i32 {
  return load<i32>(table + (<usize>k << 2));
}
@inline function set(table: usize, k: i32, v: i32): void {
  store<i32>(table + (<usize>k << 2), v);
}
@inline function byte(at: i32): i32 {
  return <i32>load<u8>(input + <usize>at);
}

/**
 * Declares column `k`: its key (`length` bytes already written at `namePointer()`) and kind.
 * Call for every column, in order, before the first `prepare`.
 */
export function defineColumn(k: i32, length: i32, kind: i32): void {
  set(NAME_AT, k, namesEnd);
  set(NAME_LEN, k, length);
  set(KIND, k, kind);
  namesEnd += length + 16;
  if (k + 1 > columns) columns = k + 1;
  for (let s = 0; s < MAX_COLUMNS + 2; s++) set(NEXT, s, UNKNOWN);
}

/** Where the next key name goes (see `defineColumn`). */
export function namePointer(): usize {
  return NAMES + <usize>namesEnd;
}

/**
 * Lays out the buffers for a page of `length` bytes (the response array, brackets included)
 * and at most `maxRows` rows, growing the memory when needed. The layout only ever grows (by a
 * quarter at least), so pages of similar sizes reuse the same memory instead of touching new
 * pages of it each time.
 *
 * @returns where to copy the array's bytes, or 0 when the memory cannot grow
 */
export function prepare(length: i32, maxRows: i32): usize {
  capacity = maxRows;
  if (length <= laidOutLength && maxRows <= laidOutRows) return input;
  if (length > laidOutLength) laidOutLength = max(length, laidOutLength + (laidOutLength >> 2));
  if (maxRows > laidOutRows) laidOutRows = max(maxRows, laidOutRows + (laidOutRows >> 2));
  const rowsRoom = laidOutRows;
  const bytesRoom = laidOutLength;
  const bitmap = (rowsRoom + 8) >> 3;
  let at: usize = (__heap_base + 15) & ~15;
  input = at;
  at += <usize>bytesRoom + 32;
  for (let k = 0; k < columns; k++) {
    at = (at + 15) & ~15;
    set(VALID, k, <i32>at);
    at += <usize>bitmap;
    at = (at + 15) & ~15;
    const kind = get(KIND, k);
    if (kind == KIND_MS || kind == KIND_ID) {
      set(VALUES, k, <i32>at);
      at += <usize>rowsRoom * 8;
    } else if (kind == KIND_FLAG) {
      set(VALUES, k, <i32>at);
      at += <usize>bitmap;
    } else {
      set(VIEWS, k, <i32>at);
      at += <usize>rowsRoom * 16 + 16;
      set(CACHE, k, <i32>at);
      at += CACHE_ENTRIES * 8;
      set(DATA, k, <i32>at);
      at += <usize>bytesRoom + 32;
    }
  }
  const pages = <i32>((at + 0xffff) >> 16);
  const have = memory.size();
  if (pages > have && memory.grow(pages - have) < 0) {
    laidOutLength = 0;
    laidOutRows = 0;
    return 0;
  }
  return input;
}

/**
 * Scans the `length` bytes at the input (`[…]`, as `prepare` was told).
 *
 * @returns the number of rows, or FAIL (-2) when the JavaScript scanner must read the page
 */
export function scan(length: i32): i32 {
  const bitmap = (capacity + 8) >> 3;
  for (let k = 0; k < columns; k++) {
    memory.fill(<usize>get(VALID, k), 0, <usize>bitmap);
    const kind = get(KIND, k);
    if (kind == KIND_FLAG) memory.fill(<usize>get(VALUES, k), 0, <usize>bitmap);
    if (kind >= KIND_TEXT) {
      set(DATA_END, k, 0);
      // Null and absent values keep an all-zero view; the cache starts empty each page.
      memory.fill(<usize>get(VIEWS, k), 0, <usize>capacity * 16);
      memory.fill(<usize>get(CACHE, k), 0, CACHE_ENTRIES * 8);
    }
  }
  // The 32 bytes after the array are zeros: 16-byte loads stop there (zero is a control byte).
  memory.fill(input + <usize>length, 0, 32);
  rows = 0;
  seenTop = 0;
  let i = ws(1);
  const end = length - 1;
  if (byte(0) != 0x5b || byte(end) != 0x5d) return FAIL;
  if (i == end) return 0;
  for (;;) {
    i = row(i, end);
    if (i < 0) return FAIL;
    i = ws(i);
    const c = byte(i);
    if (c == 0x2c) i = ws(i + 1);
    else if (i == end) return rows;
    else return FAIL;
  }
  return FAIL; // not reached
}

/** Column `k`'s buffers after `scan`, for the Arrow IPC writer. */
export function validPointer(k: i32): usize {
  return <usize>get(VALID, k);
}
export function valuesPointer(k: i32): usize {
  return <usize>get(VALUES, k);
}
export function viewsPointer(k: i32): usize {
  return <usize>get(VIEWS, k);
}
export function dataPointer(k: i32): usize {
  return <usize>get(DATA, k);
}
export function dataLength(k: i32): i32 {
  return get(DATA_END, k);
}

@inline function isWs(c: i32): bool {
  return c == 0x20 || c == 0x0a || c == 0x0d || c == 0x09;
}

@inline function ws(i: i32): i32 {
  if (byte(i) > 0x20) return i; // most tokens follow each other directly
  while (isWs(byte(i))) i++;
  return i;
}

function row(i: i32, limit: i32): i32 {
  if (byte(i) != 0x7b) return FAIL;
  if (rows >= capacity) return FAIL;
  const r = rows;
  i = ws(i + 1);
  let seen: u64 = 0;
  let prev = 0;
  if (byte(i) == 0x7d) {
    endRow();
    return i + 1;
  }
  for (;;) {
    if (byte(i) != 0x22) return FAIL;
    let k = get(NEXT, prev);
    let after = k >= 0 ? keyEnd(i + 1, k) : FAIL;
    if (after < 0) {
      let j = i + 1;
      let c = byte(j);
      while (c != 0x22) {
        if (c == 0x5c || c < 0x20 || j >= limit) return FAIL; // escaped keys: the JavaScript tier
        c = byte(++j);
      }
      k = knownKey(i + 1, j);
      if (k == UNKNOWN) return FAIL; // unknown keys: the JavaScript tier skips their values
      set(NEXT, prev, k);
      after = j + 1;
    }
    i = ws(after);
    if (byte(i) != 0x3a) return FAIL;
    i = ws(i + 1);
    const bit: u64 = (<u64>1) << <u64>k;
    if ((seen & bit) != 0) return FAIL;
    seen |= bit;
    const kind = get(KIND, k);
    if (kind == KIND_TEXT) i = text(i, limit, k, r, false);
    else if (kind == KIND_MS || kind == KIND_ID) i = int64(i, k, r, kind == KIND_ID);
    else if (kind == KIND_FLAG) i = flag(i, k, r);
    else i = text(i, limit, k, r, true);
    if (i < 0) return FAIL;
    prev = k + 1;
    i = ws(i);
    const c = byte(i);
    if (c == 0x7d) break;
    if (c != 0x2c) return FAIL;
    i = ws(i + 1);
  }
  endRow();
  return i + 1;
}

@inline function endRow(): void {
  rows++;
}

@inline function markValid(k: i32, r: i32): void {
  const at = <usize>get(VALID, k) + <usize>(r >> 3);
  store<u8>(at, <u8>(<i32>load<u8>(at) | (1 << (r & 7))));
}

/** Index after the closing quote when the key at `i` is column `k`'s name, else FAIL. */
@inline function keyEnd(i: i32, k: i32): i32 {
  const n = get(NAME_LEN, k);
  const name = NAMES + <usize>get(NAME_AT, k);
  let d = 0;
  while (d < n) {
    const m = i8x16.bitmask(i8x16.eq(v128.load(input + <usize>(i + d)), v128.load(name + <usize>d)));
    const want = n - d >= 16 ? 0xffff : (1 << (n - d)) - 1;
    if ((m & want) != want) return FAIL;
    d += 16;
  }
  return byte(i + n) == 0x22 ? i + n + 1 : FAIL;
}

function knownKey(from: i32, to: i32): i32 {
  const n = to - from;
  for (let k = 0; k < columns; k++) {
    if (get(NAME_LEN, k) != n) continue;
    const name = NAMES + <usize>get(NAME_AT, k);
    let same = true;
    for (let b = 0; b < n && same; b++) same = byte(from + b) == <i32>load<u8>(name + <usize>b);
    if (same) return k;
  }
  return UNKNOWN;
}

function literal(i: i32, word: u64, length: i32): i32 {
  for (let b = 0; b < length; b++) {
    if (byte(i + b) != <i32>((word >> (<u64>b * 8)) & 0xff)) return FAIL;
  }
  return i + length;
}
const LIT_NULL: u64 = 0x6c6c756e; // "null", little endian
const LIT_TRUE: u64 = 0x65757274; // "true"
const LIT_FALSE: u64 = 0x65736c6166; // "false"

/**
 * A JSON integer into an Int64 column; null stays null. Dates: at most 15 digits, not negative
 * (the other tiers decide the rest). Ids: anything that fits Int64.
 */
function int64(i: i32, k: i32, r: i32, isId: bool): i32 {
  let c = byte(i);
  if (c == 0x6e) return literal(i, LIT_NULL, 4);
  const negative = c == 0x2d;
  if (negative) {
    if (!isId) return FAIL;
    c = byte(++i);
  }
  const first = c;
  if (first < 0x30 || first > 0x39) return FAIL;
  let v: u64 = 0;
  const from = i;
  while (c >= 0x30 && c <= 0x39 && i - from < 20) {
    v = v * 10 + <u64>(c - 0x30);
    c = byte(++i);
  }
  const digits = i - from;
  if (c == 0x2e || c == 0x65 || c == 0x45) return FAIL; // a fraction or exponent
  if (first == 0x30 && (digits > 1 || negative)) return FAIL; // leading zero, -0
  if (digits > 19 || (digits > 15 && !isId)) return FAIL;
  if (negative ? v > 0x8000000000000000 : v > 0x7fffffffffffffff) return FAIL;
  store<i64>(<usize>get(VALUES, k) + (<usize>r << 3), negative ? <i64>(0 - v) : <i64>v);
  markValid(k, r);
  return i;
}

function flag(i: i32, k: i32, r: i32): i32 {
  const c = byte(i);
  if (c == 0x6e) return literal(i, LIT_NULL, 4);
  let end: i32;
  if (c == 0x74) {
    end = literal(i, LIT_TRUE, 4);
    if (end < 0) return FAIL;
    const at = <usize>get(VALUES, k) + <usize>(r >> 3);
    store<u8>(at, <u8>(<i32>load<u8>(at) | (1 << (r & 7))));
  } else if (c == 0x66) {
    end = literal(i, LIT_FALSE, 5);
    if (end < 0) return FAIL;
  } else return FAIL;
  markValid(k, r);
  return end;
}

/**
 * A string decoded into column `k`, or null. For `json` columns any compact JSON value (strings
 * too), copied as it is. Anything else: FAIL.
 */
@inline function text(i: i32, limit: i32, k: i32, r: i32, json: bool): i32 {
  const c = byte(i);
  if (c == 0x6e) return literal(i, LIT_NULL, 4);
  if (c == 0x22 && !json) {
    const data = <usize>get(DATA, k);
    let o = get(DATA_END, k);
    let j = i + 1;
    const quote = i8x16.splat(0x22);
    const backslash = i8x16.splat(0x5c);
    const space = i8x16.splat(0x20);
    for (;;) {
      // 16 bytes at a time: copy them all, then keep those before the first special byte.
      const v = v128.load(input + <usize>j);
      v128.store(data + <usize>o, v);
      const special = i8x16.bitmask(
        v128.or(v128.or(i8x16.eq(v, quote), i8x16.eq(v, backslash)), i8x16.lt_u(v, space)),
      );
      if (special == 0) {
        j += 16;
        o += 16;
        if (j > limit) return FAIL;
        continue;
      }
      const n = ctz<i32>(special);
      j += n;
      o += n;
      if (j >= limit) return FAIL;
      const b = byte(j);
      if (b == 0x22) {
        view(k, r, get(DATA_END, k), o);
        markValid(k, r);
        return j + 1;
      }
      if (b != 0x5c) return FAIL; // a raw control byte
      const e = byte(j + 1);
      if (e == 0x75) {
        const cp = codePoint(j);
        if (cp < 0) return FAIL;
        o = utf8(data, o, cp);
        j += cp > 0xffff ? 12 : 6;
        continue;
      }
      const b2 = escape(e);
      if (b2 < 0) return FAIL;
      store<u8>(data + <usize>o, <u8>b2);
      o++;
      j += 2;
    }
  }
  if (!json) return FAIL; // numbers, booleans, objects in text columns: the JavaScript tier
  const end = jsonValue(i, limit, 0);
  if (end < 0) return FAIL;
  const o = get(DATA_END, k);
  memory.copy(<usize>get(DATA, k) + <usize>o, input + <usize>i, <usize>(end - i));
  view(k, r, o, o + end - i);
  markValid(k, r);
  return end;
}

// Text columns are Arrow Utf8View: per row a 16-byte view, values of up to 12 bytes inside it,
// longer ones as (length, first 4 bytes, buffer 0, offset) into the column's data, where a
// value seen earlier in the page (same bytes) is stored once: a month of events repeats its
// tenant ids, user agents and messages, and Polars keeps exactly these buffers.

const CACHE_ENTRIES: usize = 256;
const LANES = i8x16(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);

/** Writes row `r`'s view of the value just decoded at `from..to` of column `k`'s data. */
@inline function view(k: i32, r: i32, from: i32, to: i32): void {
  const data = <usize>get(DATA, k);
  const at = <usize>get(VIEWS, k) + (<usize>r << 4);
  const n = to - from;
  store<i32>(at, n);
  if (n <= 12) {
    // Inline, zero-padded (Polars compares views bytewise); the bytes leave the data buffer.
    const bytes = v128.and(v128.load(data + <usize>from), i8x16.lt_u(LANES, i8x16.splat(<i8>n)));
    store<i64>(at + 4, i64x2.extract_lane(bytes, 0));
    store<i32>(at + 12, <i32>i64x2.extract_lane(bytes, 1));
    set(DATA_END, k, from);
    return;
  }
  const offset = stored(k, data, from, n);
  store<i32>(at + 4, load<i32>(data + <usize>from));
  store<i32>(at + 8, 0);
  store<i32>(at + 12, offset);
  set(DATA_END, k, offset == from ? to : from);
}

/** The offset of an earlier copy of `from..from+n` in this page's data, else `from` (kept). */
function stored(k: i32, data: usize, from: i32, n: i32): i32 {
  const s = data + <usize>from;
  const h = <usize>(((load<u64>(s) ^ (load<u64>(s + <usize>(n - 8)) * 0x9e3779b97f4a7c15) ^ <u64>n) * 0xff51afd7ed558ccd) >> 56);
  const entry = <usize>get(CACHE, k) + (h << 3);
  const before = load<i32>(entry);
  if (load<i32>(entry + 4) == n && same(data + <usize>before, s, n)) return before;
  store<i32>(entry, from);
  store<i32>(entry + 4, n);
  return from;
}

function same(a: usize, b: usize, n: i32): bool {
  let d = 0;
  for (; d + 16 <= n; d += 16) {
    if (!i8x16.all_true(i8x16.eq(v128.load(a + <usize>d), v128.load(b + <usize>d)))) return false;
  }
  for (; d < n; d++) if (load<u8>(a + <usize>d) != load<u8>(b + <usize>d)) return false;
  return true;
}

function escape(e: i32): i32 {
  if (e == 0x22 || e == 0x5c || e == 0x2f) return e;
  if (e == 0x62) return 0x08;
  if (e == 0x66) return 0x0c;
  if (e == 0x6e) return 0x0a;
  if (e == 0x72) return 0x0d;
  if (e == 0x74) return 0x09;
  return -1;
}

function hex4(at: i32): i32 {
  let v = 0;
  for (let k = 0; k < 4; k++) {
    const h = byte(at + k) | 0x20;
    let d: i32;
    if (h >= 0x30 && h <= 0x39) d = h - 0x30;
    else if (h >= 0x61 && h <= 0x66) d = h - 0x57;
    else return -1;
    v = v * 16 + d;
  }
  return v;
}

/** The code point of `\uXXXX` (or a surrogate pair) at `j`; -1 if invalid or a lone surrogate. */
function codePoint(j: i32): i32 {
  const u = hex4(j + 2);
  if (u < 0) return -1;
  if (u < 0xd800 || u > 0xdfff) return u;
  if (u > 0xdbff || byte(j + 6) != 0x5c || byte(j + 7) != 0x75) return -1;
  const low = hex4(j + 8);
  if (low < 0xdc00 || low > 0xdfff) return -1;
  return 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
}

function utf8(data: usize, o: i32, cp: i32): i32 {
  const at = data + <usize>o;
  if (cp < 0x80) {
    store<u8>(at, <u8>cp);
    return o + 1;
  }
  if (cp < 0x800) {
    store<u8>(at, <u8>(0xc0 | (cp >> 6)));
    store<u8>(at + 1, <u8>(0x80 | (cp & 0x3f)));
    return o + 2;
  }
  if (cp < 0x10000) {
    store<u8>(at, <u8>(0xe0 | (cp >> 12)));
    store<u8>(at + 1, <u8>(0x80 | ((cp >> 6) & 0x3f)));
    store<u8>(at + 2, <u8>(0x80 | (cp & 0x3f)));
    return o + 3;
  }
  store<u8>(at, <u8>(0xf0 | (cp >> 18)));
  store<u8>(at + 1, <u8>(0x80 | ((cp >> 12) & 0x3f)));
  store<u8>(at + 2, <u8>(0x80 | ((cp >> 6) & 0x3f)));
  store<u8>(at + 3, <u8>(0x80 | (cp & 0x3f)));
  return o + 4;
}

// A JSON value of `additionalAttributes`, copied as sent. Only the compact forms are accepted
// here (no whitespace, only the escapes \" \\ \b \f \n \r \t, integers of at most 15 digits
// without -0, no digit-only keys, no key "id", no key twice in an object); the JavaScript tier
// reads the rest, with the same result.

function jsonValue(i: i32, limit: i32, depth: i32): i32 {
  if (i >= limit || depth > 64) return FAIL;
  const c = byte(i);
  if (c == 0x22) return jsonString(i, limit);
  if (c == 0x7b) return jsonObject(i + 1, limit, depth + 1);
  if (c == 0x5b) return jsonArray(i + 1, limit, depth + 1);
  if (c == 0x74) return literal(i, LIT_TRUE, 4);
  if (c == 0x66) return literal(i, LIT_FALSE, 5);
  if (c == 0x6e) return literal(i, LIT_NULL, 4);
  return jsonNumber(i, limit);
}

function jsonString(i: i32, limit: i32): i32 {
  for (i++; i < limit; i++) {
    const c = byte(i);
    if (c == 0x22) return i + 1;
    if (c == 0x5c) {
      const e = byte(i + 1);
      if (e != 0x22 && e != 0x5c && e != 0x62 && e != 0x66 && e != 0x6e && e != 0x72 && e != 0x74) return FAIL;
      i++;
    } else if (c < 0x20) return FAIL;
  }
  return FAIL;
}

function jsonObject(i: i32, limit: i32, depth: i32): i32 {
  const base = seenTop;
  const end = jsonMembers(i, limit, depth, base);
  seenTop = base;
  return end;
}

function jsonMembers(i: i32, limit: i32, depth: i32, base: i32): i32 {
  if (byte(i) == 0x7d) return i + 1;
  for (;;) {
    if (i >= limit || byte(i) != 0x22) return FAIL;
    const from = i + 1;
    i = jsonString(i, limit);
    if (i < 0) return FAIL;
    const to = i - 1;
    if (plainOrdinaryKeyFails(from, to, base)) return FAIL;
    if (byte(i) != 0x3a) return FAIL;
    i = jsonValue(i + 1, limit, depth);
    if (i < 0) return FAIL;
    const c = byte(i);
    if (c == 0x7d) return i + 1;
    if (c != 0x2c) return FAIL;
    i++;
  }
  return FAIL; // not reached
}

/** True (FAIL) for a digit-only key, the key "id", a repeated key, or a full key stack. */
function plainOrdinaryKeyFails(from: i32, to: i32, base: i32): bool {
  const n = to - from;
  if (n == 2 && byte(from) == 0x69 && byte(from + 1) == 0x64) return true;
  if (n > 0) {
    let digits = true;
    for (let k = from; k < to && digits; k++) digits = byte(k) >= 0x30 && byte(k) <= 0x39;
    if (digits) return true;
  }
  for (let s = base; s < seenTop; s += 2) {
    const at = load<i32>(SEEN + (<usize>s << 2));
    if (load<i32>(SEEN + (<usize>(s + 1) << 2)) - at != n) continue;
    let same = true;
    for (let b = 0; b < n && same; b++) same = byte(at + b) == byte(from + b);
    if (same) return true;
  }
  if (seenTop + 2 > 512) return true;
  store<i32>(SEEN + (<usize>seenTop << 2), from);
  store<i32>(SEEN + (<usize>(seenTop + 1) << 2), to);
  seenTop += 2;
  return false;
}

function jsonArray(i: i32, limit: i32, depth: i32): i32 {
  if (byte(i) == 0x5d) return i + 1;
  for (;;) {
    i = jsonValue(i, limit, depth);
    if (i < 0) return FAIL;
    const c = byte(i);
    if (c == 0x5d) return i + 1;
    if (c != 0x2c) return FAIL;
    i++;
  }
  return FAIL; // not reached
}

function jsonNumber(i: i32, limit: i32): i32 {
  if (byte(i) == 0x2d) i++;
  if (i >= limit) return FAIL;
  const first = byte(i);
  if (first == 0x30) {
    if (byte(i - 1) == 0x2d) return FAIL; // -0
    i++;
  } else if (first >= 0x31 && first <= 0x39) {
    const from = i;
    while (i < limit && byte(i) >= 0x30 && byte(i) <= 0x39) i++;
    if (i - from >= 16) return FAIL;
  } else return FAIL;
  const c = byte(i);
  if (c == 0x2e || c == 0x65 || c == 0x45) return FAIL; // fractions, exponents
  return i;
}
