import { quoteIds, textOf } from "../parse/read-json-body.js";
import { ANAPLAN_EVENT_TEXT_COLUMNS } from "../schemas.js";
import { type ScanState, scanJsonValue } from "./json-attributes.js";

/** An events page rewritten as newline-delimited JSON for Polars. */
export interface NdjsonEvents {
  /** `schemaLine` then one event per line, `additionalAttributes` turned into JSON text. */
  ndjson: Buffer;
  /** Events written (lines after the schema line). */
  rows: number;
  /** The page without its events: `{ meta, …, response: [] }`. */
  envelope: Record<string, unknown>;
}

/** A reusable output buffer for {@link eventsToNdjson}. */
export interface NdjsonScratch {
  buf: Buffer;
}

const RESPONSE = Buffer.from('"response":');
const UNICODE_ESCAPE = Buffer.from("\\u");
/** Split between two events of a compact array. Inside a string it would make a broken line. */
const SEP = Buffer.from("},{");
/** Short needle (fast native search), then the bytes before it are checked. */
const ATTR_TAIL = Buffer.from('Attributes":');
const ATTR_HEAD = Buffer.from('"additional');

const isWs = (c: number | undefined) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * Rewrites the bytes of an Anaplan audit events page (`{meta, response:[…]}`) as NDJSON that
 * Polars reads on its own threads: the events of the `response` array one per line, after
 * `schemaLine`, with every `additionalAttributes` value that is an object, array, number or
 * boolean written as a JSON string holding exactly the text the plain parser makes of it
 * (`JSON.stringify` of the parsed value, nested ids quoted). Nothing else is touched, and no
 * JavaScript object is made per event.
 *
 * Events are split at `},{`. A split inside a string or a nested object leaves a line that is
 * not valid JSON, so Polars rejects the page rather than misreading it; the caller then falls
 * back to the plain parser. Returns undefined straight away when the page does not have the
 * compact shape this expects (response not last, whitespace between events, escaped surrogates
 * that Polars decodes differently, a row count that disagrees with `currentPageSize`).
 *
 * @param body - the response bytes
 * @param schemaLine - a first line giving Polars every column and type
 * @param scratch - a buffer to write into (and grow) instead of a fresh one: writing into new
 * memory costs page faults of about as much as the rewrite itself. The result is a view of it,
 * valid until the next call with the same scratch. @default a fresh buffer
 * @returns the NDJSON, the number of events and the envelope; or undefined (use the plain parser)
 * @example
 * ```ts
 * eventsToNdjson(Buffer.from('{"response":[{"id":1},{"id":2}]}'), Buffer.from('{"id":0}\n'))?.rows //=> 2
 * ```
 */
export function eventsToNdjson(
  body: Uint8Array,
  schemaLine: Uint8Array,
  scratch?: NdjsonScratch,
): NdjsonEvents | undefined {
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const key = buf.indexOf(RESPONSE);
  if (key < 0) return undefined;
  let start = key + RESPONSE.length;
  while (isWs(buf[start])) start++;
  if (buf[start] !== 0x5b) return undefined;
  start++;
  let end = buf.length - 1;
  while (end > start && isWs(buf[end])) end--;
  if (buf[end] !== 0x7d) return undefined;
  end--;
  while (end > start && isWs(buf[end])) end--;
  if (buf[end] !== 0x5d) return undefined;
  const arrayEnd = end;

  let envelope: unknown;
  try {
    envelope = JSON.parse(`${buf.toString("utf8", 0, key)}"response":[]}`);
  } catch {
    return undefined;
  }
  if (!envelope || typeof envelope !== "object" || Array.isArray(envelope)) return undefined;
  // Polars turns a lone escaped surrogate into U+0000 where JSON.parse keeps it: let the plain parser decide.
  for (let u = buf.indexOf(UNICODE_ESCAPE, start); u >= 0; u = buf.indexOf(UNICODE_ESCAPE, u + 2)) {
    if ((buf[u + 2]! | 0x20) === 0x64 && !escaped(buf, u)) return undefined; // \uD800-\uDFFF
  }

  const out = new Writer(schemaLine.length + Math.ceil((arrayEnd - start) * 1.1) + 64, scratch);
  out.bytes(
    Buffer.from(schemaLine.buffer, schemaLine.byteOffset, schemaLine.byteLength),
    0,
    schemaLine.length,
  );
  let p = start;
  while (p < arrayEnd && isWs(buf[p])) p++;
  let rows = 0;
  if (p < arrayEnd) {
    const state: ScanState = { end: 0, canonical: true };
    const objects = OBJECT_NEEDLES.map((needle) => new Hits(buf, needle, p, arrayEnd));
    let attr = findAttr(buf, p, arrayEnd);
    let sep = findSep(buf, p, arrayEnd);
    for (;;) {
      while (attr < (sep < arrayEnd ? sep + 1 : arrayEnd)) {
        const v = attr + ATTR_TAIL.length;
        for (const hits of objects) if (hits.objectInTextColumn(attr - ATTR_HEAD.length)) return undefined;
        out.bytes(buf, p, v);
        p = writeAttribute(buf, v, arrayEnd, out, state);
        if (p < 0) return undefined;
        for (const hits of objects) hits.skipTo(p);
        attr = findAttr(buf, p, arrayEnd);
        if (sep < p && sep < arrayEnd) sep = findSep(buf, p, arrayEnd);
      }
      const eventEnd = sep < arrayEnd ? sep + 1 : arrayEnd;
      for (const hits of objects) if (hits.objectInTextColumn(eventEnd)) return undefined;
      out.bytes(buf, p, eventEnd);
      rows++;
      if (sep >= arrayEnd) break;
      out.byte(0x0a);
      p = sep + 2;
      sep = findSep(buf, p, arrayEnd);
    }
  }
  const paging = (envelope as { meta?: { paging?: { currentPageSize?: unknown } } }).meta?.paging;
  const announced = paging?.currentPageSize;
  if (typeof announced === "number" && announced !== rows) return undefined;
  return { ndjson: out.done(), rows, envelope: envelope as Record<string, unknown> };
}

/** Object and array openings; a search for a quote-first needle would stop at every quote. */
const OBJECT_NEEDLES = [0x7b, 0x5b];
/** Text columns: Polars prints an object or array found there its own way, so such pages fall back. */
const TEXT_KEYS = new Set(ANAPLAN_EVENT_TEXT_COLUMNS);

/** The occurrences of one byte (`{` or `[`), consumed in order (one native search each). */
class Hits {
  at: number;

  constructor(
    readonly buf: Buffer,
    readonly needle: number,
    from: number,
    readonly end: number,
  ) {
    this.at = this.#find(from);
  }

  #find(from: number): number {
    const i = this.buf.indexOf(this.needle, from);
    return i < 0 || i >= this.end ? Number.POSITIVE_INFINITY : i;
  }

  /** Skips occurrences before `pos` (inside an attributes value, handled separately). */
  skipTo(pos: number): void {
    if (this.at < pos) this.at = this.#find(pos);
  }

  /** True when an occurrence before `to` opens the value of a text column's key. */
  objectInTextColumn(to: number): boolean {
    const buf = this.buf;
    while (this.at < to) {
      let k = this.at - 1;
      this.at = this.#find(this.at + 1);
      while (isWs(buf[k])) k--;
      if (buf[k] !== 0x3a) continue; // not a value after a key (an event start, an array item, text)
      k--;
      while (isWs(buf[k])) k--;
      if (buf[k] !== 0x22 || escaped(buf, k)) continue;
      const q = k;
      for (k--; k >= 0 && !(buf[k] === 0x22 && !escaped(buf, k)); k--);
      if (TEXT_KEYS.has(buf.toString("latin1", k + 1, q))) return true;
    }
    return false;
  }
}

/** Whether the byte at `i` is preceded by an odd number of backslashes. */
function escaped(buf: Buffer, i: number): boolean {
  let n = 0;
  while (i - n - 1 >= 0 && buf[i - n - 1] === 0x5c) n++;
  return n % 2 === 1;
}

function findSep(buf: Buffer, from: number, arrayEnd: number): number {
  const i = buf.indexOf(SEP, from);
  return i < 0 || i > arrayEnd ? arrayEnd : i;
}

/** Index of the next `"additionalAttributes":` key (at the `A`), or past the array. */
function findAttr(buf: Buffer, from: number, arrayEnd: number): number {
  for (let i = buf.indexOf(ATTR_TAIL, from); i >= 0 && i < arrayEnd; i = buf.indexOf(ATTR_TAIL, i + 1)) {
    const h = i - ATTR_HEAD.length;
    if (h >= from && startsWith(buf, h, ATTR_HEAD)) return i;
  }
  return arrayEnd + 1;
}

function startsWith(buf: Buffer, at: number, head: Buffer): boolean {
  for (let k = 0; k < head.length; k++) if (buf[at + k] !== head[k]) return false;
  return true;
}

/**
 * Writes the value at `v` as the plain parser would store it and returns the index after it
 * (-1 when it is not valid JSON). Strings and null are copied as they are (Polars decodes them);
 * canonical objects and arrays are copied escaped into a JSON string; anything else goes through
 * `textOf(JSON.parse(quoteIds(…)))`, exactly the plain parser's path.
 */
function writeAttribute(buf: Buffer, v: number, limit: number, out: Writer, state: ScanState): number {
  scanJsonValue(buf, v, limit, state);
  const end = state.end;
  if (end < 0) return -1;
  let s = v;
  while (isWs(buf[s])) s++;
  const c = buf[s];
  if (c === 0x22 || c === 0x6e) {
    out.bytes(buf, v, end); // a string or null: Polars reads it like JSON.parse
    return end;
  }
  if (state.canonical && (c === 0x7b || c === 0x5b)) {
    out.quoted(buf, s, end);
    return end;
  }
  const text = textOf(JSON.parse(quoteIds(buf.toString("utf8", s, end))));
  if (text === null) out.bytes(NULL_BYTES, 0, 4);
  else out.text(JSON.stringify(text));
  return end;
}

const NULL_BYTES = Buffer.from("null");

/** A growable output buffer. */
class Writer {
  buf: Buffer;
  length = 0;

  readonly #scratch: NdjsonScratch | undefined;

  constructor(capacity: number, scratch?: NdjsonScratch) {
    this.#scratch = scratch;
    if (scratch && scratch.buf.length < capacity) scratch.buf = Buffer.allocUnsafe(capacity);
    this.buf = scratch ? scratch.buf : Buffer.allocUnsafe(capacity);
  }

  ensure(extra: number): void {
    if (this.length + extra <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.length + extra));
    this.buf.copy(next, 0, 0, this.length);
    this.buf = next;
    if (this.#scratch) this.#scratch.buf = next;
  }

  byte(c: number): void {
    this.ensure(1);
    this.buf[this.length++] = c;
  }

  bytes(src: Buffer, from: number, to: number): void {
    const n = to - from;
    this.ensure(n);
    if (n > 32) src.copy(this.buf, this.length, from, to);
    else {
      const b = this.buf;
      for (let i = from, o = this.length; i < to; i++, o++) b[o] = src[i]!;
    }
    this.length += n;
  }

  /** Writes src[from..to) as the contents of a JSON string: `"` and `\` escaped. */
  quoted(src: Uint8Array, from: number, to: number): void {
    this.ensure(2 * (to - from) + 2);
    const b = this.buf;
    let o = this.length;
    b[o++] = 0x22;
    for (let i = from; i < to; i++) {
      const c = src[i]!;
      if (c === 0x22 || c === 0x5c) b[o++] = 0x5c;
      b[o++] = c;
    }
    b[o++] = 0x22;
    this.length = o;
  }

  text(s: string): void {
    this.ensure(Buffer.byteLength(s));
    this.length += this.buf.write(s, this.length);
  }

  done(): Buffer {
    return this.buf.subarray(0, this.length);
  }
}
