/**
 * Byte-level helpers for one JSON value inside an Anaplan events page: validate it, tell whether
 * its bytes already are what `JSON.stringify(JSON.parse(bytes))` would print (then they can be
 * copied as they are), and find where it ends. No JavaScript objects are built.
 */

/** Result flags of {@link scanJsonValue}. */
export interface ScanState {
  /** Index just after the value, or -1 when the bytes are not valid JSON. */
  end: number;
  /**
   * False when `JSON.stringify(JSON.parse(bytes))` would differ from the bytes, or when the
   * kit's parser would change them: whitespace, escapes other than \" \\ \b \f \n \r \t,
   * fractions, exponents, -0, integers of 16+ digits, digit-only keys (V8 puts them first), a
   * key `"id"` (the plain parser quotes nested ids), or a key repeated within an object
   * (JSON.parse keeps the last).
   */
  canonical: boolean;
}

const WS = new Uint8Array(256);
WS[0x20] = 1;
WS[0x09] = 1;
WS[0x0a] = 1;
WS[0x0d] = 1;

/** Escapes that JSON.stringify writes the same way: " \ b f n r t. */
const PLAIN_ESCAPE = new Uint8Array(256);
for (const c of [0x22, 0x5c, 0x62, 0x66, 0x6e, 0x72, 0x74]) PLAIN_ESCAPE[c] = 1;

/**
 * Scans one JSON value starting at `start` (leading whitespace allowed), validating its syntax.
 *
 * @param buf - the page bytes
 * @param start - index of the value (or of whitespace before it)
 * @param limit - index the value must end before (exclusive)
 * @param state - receives `end` and `canonical`
 * @example
 * ```ts
 * const s = { end: 0, canonical: true };
 * scanJsonValue(Buffer.from('{"a":[1,true]}'), 0, 14, s); // s.end === 14, s.canonical === true
 * ```
 */
export function scanJsonValue(buf: Uint8Array, start: number, limit: number, state: ScanState): void {
  state.canonical = true;
  state.end = value(buf, start, limit, state, 0);
}

function skipWs(buf: Uint8Array, i: number, limit: number, state: ScanState): number {
  if (i < limit && WS[buf[i]!]) {
    state.canonical = false;
    do i++;
    while (i < limit && WS[buf[i]!]);
  }
  return i;
}

function value(buf: Uint8Array, i: number, limit: number, state: ScanState, depth: number): number {
  i = skipWs(buf, i, limit, state);
  if (i >= limit || depth > 64) return -1;
  const c = buf[i]!;
  if (c === 0x22) return string(buf, i, limit, state);
  if (c === 0x7b) return object(buf, i + 1, limit, state, depth + 1);
  if (c === 0x5b) return array(buf, i + 1, limit, state, depth + 1);
  if (c === 0x74) return literal(buf, i, limit, TRUE);
  if (c === 0x66) return literal(buf, i, limit, FALSE);
  if (c === 0x6e) return literal(buf, i, limit, NULL);
  return number(buf, i, limit, state);
}

const TRUE = [0x74, 0x72, 0x75, 0x65];
const FALSE = [0x66, 0x61, 0x6c, 0x73, 0x65];
const NULL = [0x6e, 0x75, 0x6c, 0x6c];

function literal(buf: Uint8Array, i: number, limit: number, word: number[]): number {
  if (i + word.length > limit) return -1;
  for (let k = 0; k < word.length; k++) if (buf[i + k] !== word[k]) return -1;
  return i + word.length;
}

/** Index after the closing quote of the string starting at `i` (a quote), or -1. */
function string(buf: Uint8Array, i: number, limit: number, state: ScanState): number {
  for (i++; i < limit; i++) {
    const c = buf[i]!;
    if (c === 0x22) return i + 1;
    if (c === 0x5c) {
      if (i + 1 >= limit) return -1;
      if (!PLAIN_ESCAPE[buf[i + 1]!]) {
        state.canonical = false;
        if (!validEscape(buf, i + 1, limit)) return -1;
      }
      i++;
    } else if (c < 0x20) return -1;
  }
  return -1;
}

function validEscape(buf: Uint8Array, i: number, limit: number): boolean {
  const e = buf[i]!;
  if (e === 0x2f) return true; // \/
  if (e !== 0x75 || i + 4 >= limit) return false; // \uXXXX
  for (let k = 1; k <= 4; k++) {
    const h = buf[i + k]! | 0x20;
    if (!((h >= 0x30 && h <= 0x39) || (h >= 0x61 && h <= 0x66))) return false;
  }
  return true;
}

/**
 * Key ranges (from, to) of the objects being scanned, innermost last, while the value is still
 * canonical: JSON.parse keeps the last of repeated keys, so a repeat means the bytes would print
 * differently. A full stack (very wide or deep objects) just counts as not canonical.
 */
const SEEN_KEYS = new Int32Array(512);
let seenTop = 0;

function object(buf: Uint8Array, i: number, limit: number, state: ScanState, depth: number): number {
  const base = seenTop;
  const end = members(buf, i, limit, state, depth, base);
  seenTop = base;
  return end;
}

/** Whether the key `from..to` repeats one of this object's keys (`SEEN_KEYS` from `base`). */
function repeatedKey(buf: Uint8Array, from: number, to: number, base: number): boolean {
  const n = to - from;
  for (let k = base; k < seenTop; k += 2) {
    const at = SEEN_KEYS[k]!;
    if (SEEN_KEYS[k + 1]! - at !== n) continue;
    let same = true;
    for (let b = 0; b < n && same; b++) same = buf[at + b] === buf[from + b];
    if (same) return true;
  }
  return false;
}

function members(
  buf: Uint8Array,
  i: number,
  limit: number,
  state: ScanState,
  depth: number,
  base: number,
): number {
  i = skipWs(buf, i, limit, state);
  if (buf[i] === 0x7d) return i + 1;
  for (;;) {
    i = skipWs(buf, i, limit, state);
    if (i >= limit || buf[i] !== 0x22) return -1;
    const keyStart = i + 1;
    i = string(buf, i, limit, state);
    if (i < 0) return -1;
    if (state.canonical) {
      const keyEnd = i - 1;
      if (
        reorderedOrQuotedKey(buf, keyStart, keyEnd) ||
        repeatedKey(buf, keyStart, keyEnd, base) ||
        seenTop === SEEN_KEYS.length
      ) {
        state.canonical = false;
      } else {
        SEEN_KEYS[seenTop++] = keyStart;
        SEEN_KEYS[seenTop++] = keyEnd;
      }
    }
    i = skipWs(buf, i, limit, state);
    if (buf[i] !== 0x3a) return -1;
    i = value(buf, i + 1, limit, state, depth);
    if (i < 0) return -1;
    i = skipWs(buf, i, limit, state);
    const c = buf[i];
    if (c === 0x7d) return i + 1;
    if (c !== 0x2c) return -1;
    i++;
  }
}

/** Digit-only keys (V8 orders them first) and the key `id` (the plain parser quotes its number). */
function reorderedOrQuotedKey(buf: Uint8Array, from: number, to: number): boolean {
  if (to - from === 2 && buf[from] === 0x69 && buf[from + 1] === 0x64) return true;
  if (to === from) return false;
  for (let k = from; k < to; k++) {
    const c = buf[k]!;
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

function array(buf: Uint8Array, i: number, limit: number, state: ScanState, depth: number): number {
  i = skipWs(buf, i, limit, state);
  if (buf[i] === 0x5d) return i + 1;
  for (;;) {
    i = value(buf, i, limit, state, depth);
    if (i < 0) return -1;
    i = skipWs(buf, i, limit, state);
    const c = buf[i];
    if (c === 0x5d) return i + 1;
    if (c !== 0x2c) return -1;
    i++;
  }
}

function number(buf: Uint8Array, i: number, limit: number, state: ScanState): number {
  const start = i;
  if (buf[i] === 0x2d) i++;
  if (i >= limit) return -1;
  const first = buf[i]!;
  if (first === 0x30) {
    i++;
    if (start !== i - 1) state.canonical = false; // -0
  } else if (first >= 0x31 && first <= 0x39) {
    const digitsFrom = i;
    while (i < limit && buf[i]! >= 0x30 && buf[i]! <= 0x39) i++;
    if (i - digitsFrom >= 16) state.canonical = false;
  } else return -1;
  if (buf[i] === 0x2e) {
    state.canonical = false;
    const from = ++i;
    while (i < limit && buf[i]! >= 0x30 && buf[i]! <= 0x39) i++;
    if (i === from) return -1;
  }
  const e = buf[i];
  if (e === 0x65 || e === 0x45) {
    state.canonical = false;
    i++;
    if (buf[i] === 0x2b || buf[i] === 0x2d) i++;
    const from = i;
    while (i < limit && buf[i]! >= 0x30 && buf[i]! <= 0x39) i++;
    if (i === from) return -1;
  }
  return i <= limit ? i : -1;
}
