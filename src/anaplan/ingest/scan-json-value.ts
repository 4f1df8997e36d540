/**
 * Finds where one JSON value inside an events page ends, checking its syntax on the way, without
 * building JavaScript objects (the scanners keep the value's bytes as they are).
 *
 * @param buf - the page bytes
 * @param start - index of the value (leading whitespace allowed)
 * @param limit - index the value must end before (exclusive)
 * @returns the index just after the value, or -1 when the bytes are not valid JSON (or nest
 * deeper than 64 levels: the plain parser reads those)
 * @example
 * ```ts
 * scanJsonValue(Buffer.from('{"a":[1,true]}'), 0, 14) //=> 14
 * ```
 */
export function scanJsonValue(buf: Uint8Array, start: number, limit: number): number {
  return value(buf, start, limit, 0);
}

const WS = new Uint8Array(256);
WS[0x20] = 1;
WS[0x09] = 1;
WS[0x0a] = 1;
WS[0x0d] = 1;

/** The bytes that may follow a backslash (`u` is checked further): " \ / b f n r t u. */
const ESCAPE = new Uint8Array(256);
for (const c of '"\\/bfnrtu') ESCAPE[c.charCodeAt(0)] = 1;

function skipWs(buf: Uint8Array, i: number, limit: number): number {
  while (i < limit && WS[buf[i]!]) i++;
  return i;
}

function value(buf: Uint8Array, i: number, limit: number, depth: number): number {
  i = skipWs(buf, i, limit);
  if (i >= limit || depth > 64) return -1;
  const c = buf[i]!;
  if (c === 0x22) return string(buf, i, limit);
  if (c === 0x7b) return object(buf, i + 1, limit, depth + 1);
  if (c === 0x5b) return array(buf, i + 1, limit, depth + 1);
  if (c === 0x74) return literal(buf, i, limit, TRUE);
  if (c === 0x66) return literal(buf, i, limit, FALSE);
  if (c === 0x6e) return literal(buf, i, limit, NULL);
  return number(buf, i, limit);
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
function string(buf: Uint8Array, i: number, limit: number): number {
  for (i++; i < limit; i++) {
    const c = buf[i]!;
    if (c === 0x22) return i + 1;
    if (c === 0x5c) {
      if (i + 1 >= limit || !ESCAPE[buf[i + 1]!]) return -1;
      if (buf[i + 1] === 0x75 && !hex4(buf, i + 2, limit)) return -1;
      i++;
    } else if (c < 0x20) return -1;
  }
  return -1;
}

function hex4(buf: Uint8Array, i: number, limit: number): boolean {
  if (i + 4 > limit) return false;
  for (let k = 0; k < 4; k++) {
    const h = buf[i + k]! | 0x20;
    if (!((h >= 0x30 && h <= 0x39) || (h >= 0x61 && h <= 0x66))) return false;
  }
  return true;
}

function object(buf: Uint8Array, i: number, limit: number, depth: number): number {
  i = skipWs(buf, i, limit);
  if (buf[i] === 0x7d) return i + 1;
  for (;;) {
    i = skipWs(buf, i, limit);
    if (i >= limit || buf[i] !== 0x22) return -1;
    i = skipWs(buf, string(buf, i, limit), limit);
    if (i < 0 || buf[i] !== 0x3a) return -1;
    i = value(buf, i + 1, limit, depth);
    if (i < 0) return -1;
    i = skipWs(buf, i, limit);
    const c = buf[i];
    if (c === 0x7d) return i + 1;
    if (c !== 0x2c) return -1;
    i++;
  }
}

function array(buf: Uint8Array, i: number, limit: number, depth: number): number {
  i = skipWs(buf, i, limit);
  if (buf[i] === 0x5d) return i + 1;
  for (;;) {
    i = value(buf, i, limit, depth);
    if (i < 0) return -1;
    i = skipWs(buf, i, limit);
    const c = buf[i];
    if (c === 0x5d) return i + 1;
    if (c !== 0x2c) return -1;
    i++;
  }
}

function number(buf: Uint8Array, i: number, limit: number): number {
  if (buf[i] === 0x2d) i++;
  if (i >= limit) return -1;
  const first = buf[i]!;
  if (first === 0x30) i++;
  else if (first >= 0x31 && first <= 0x39) i = digits(buf, i, limit);
  else return -1;
  if (buf[i] === 0x2e) {
    const from = ++i;
    i = digits(buf, i, limit);
    if (i === from) return -1;
  }
  const e = buf[i];
  if (e === 0x65 || e === 0x45) {
    i++;
    if (buf[i] === 0x2b || buf[i] === 0x2d) i++;
    const from = i;
    i = digits(buf, i, limit);
    if (i === from) return -1;
  }
  return i <= limit ? i : -1;
}

function digits(buf: Uint8Array, i: number, limit: number): number {
  while (i < limit && buf[i]! >= 0x30 && buf[i]! <= 0x39) i++;
  return i;
}
