import { isUtf8 } from "node:buffer";
import { SCANNER_KIND_CODES } from "../event-layout.js";
import {
  EVENT_COLUMNS,
  type EventColumns,
  type FlagColumn,
  type Int64Column,
  type TextColumn,
} from "./event-columns.js";
import { scanJsonValue } from "./scan-json-value.js";
import { FAIL, flag, int64, jsonText, text } from "./scan-values.js";

/** What {@link scanEventsPage} found besides the columns. */
export interface ScannedPage {
  /** Events scanned (rows of the columns). */
  rows: number;
  /** The page without its events: `{ meta, …, response: [] }`. */
  envelope: Record<string, unknown>;
}

const RESPONSE = Buffer.from('"response":');
const KEYS = EVENT_COLUMNS.map((c) => Buffer.from(c.field, "utf8"));
const KEY_INDEX = new Map(EVENT_COLUMNS.map((c, k) => [c.field, k]));
/** The kind of each column as its number (`SCANNER_KIND_CODES`). */
const KINDS = Int8Array.from(EVENT_COLUMNS, (c) => SCANNER_KIND_CODES[c.kind]);
const { ms: MS, id: ID, flag: FLAG, text: TEXT } = SCANNER_KIND_CODES;
const UNKNOWN = -1;
/** The column whose key followed each column's key last time (+1: slot 0 is "row start"). */
const NEXT = new Int32Array(EVENT_COLUMNS.length + 2).fill(UNKNOWN);

/**
 * Reads the events of an Anaplan audit events page (`{meta, response:[…]}`) straight from its
 * bytes into `cols`, with exactly the values `parseEventsPagePlain` gives (strings decoded from
 * JSON escapes, other values of text columns and `additionalAttributes` as the JSON text sent,
 * keys written with escapes decoded, absent keys as null, unknown keys skipped) but `id` and the
 * dates left as Int64. No JavaScript object or string is made per value on the common path.
 *
 * Returns undefined whenever it cannot be sure of the plain parser's result, so the caller uses
 * that parser (which also produces the right error): invalid JSON or UTF-8, `response` not the
 * last key, a key twice in an event, an id that is text, past Int64 or has a fraction, dates
 * past 15 digits or negative, dates or flags that are not JSON integers or booleans, a lone
 * escaped surrogate, or a row count other than `currentPageSize`.
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
  const page = pageFrame(body);
  return page && scanFrame(page, cols);
}

/**
 * {@link scanEventsPage} for a page already checked by {@link pageFrame}.
 *
 * @param page - the page
 * @param cols - the columns to fill (emptied first)
 * @returns the row count and the envelope, or undefined (use the plain parser)
 * @example
 * ```ts
 * const page = pageFrame(body);
 * const scanned = page && scanFrame(page, cols);
 * ```
 */
export function scanFrame(page: PageFrame, cols: EventColumns): ScannedPage | undefined {
  const { buf, start, end } = page;
  cols.reset(page.maxRows, end - start);
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
  if (page.announced !== undefined && page.announced !== cols.rows) return undefined;
  return { rows: cols.rows, envelope: page.envelope };
}

/** Where the events of a page are, and what its envelope says (see {@link pageFrame}). */
export interface PageFrame {
  /** The page's bytes. */
  buf: Buffer;
  /** Index of the `[` of the `response` array. */
  start: number;
  /** Index of its `]`. */
  end: number;
  /** The page without its events: `{ meta, …, response: [] }`. */
  envelope: Record<string, unknown>;
  /** `meta.paging.currentPageSize` when it is a count: the rows the page must have. */
  announced: number | undefined;
  /** Rows to make room for: the announced count, never more than the bytes could hold. */
  maxRows: number;
}

/**
 * The checks both scanners start with: `response` is the last key and an array, the rest of the
 * page is valid JSON (parsed with `JSON.parse`: it is small) and all of it is valid UTF-8.
 *
 * @param body - the page's bytes
 * @returns where its events are, or undefined (use the plain parser)
 * @example
 * ```ts
 * pageFrame(Buffer.from('{"response":[{"id":1}]}'))?.start //=> 12
 * ```
 */
export function pageFrame(body: Uint8Array): PageFrame | undefined {
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
  } catch (error) {
    if (error instanceof SyntaxError) return undefined; // the plain parser explains it
    throw error;
  }
  if (!envelope || typeof envelope !== "object" || Array.isArray(envelope) || !isUtf8(buf)) return undefined;
  const size = (envelope as { meta?: { paging?: { currentPageSize?: unknown } } }).meta?.paging
    ?.currentPageSize;
  const announced = typeof size === "number" ? size : undefined;
  // Room for the announced rows, but never more than the bytes could hold (`{}` and a comma each).
  const expected = Number.isSafeInteger(size) && (size as number) >= 0 ? (size as number) : 1024;
  return {
    buf,
    start,
    end,
    envelope: envelope as Record<string, unknown>,
    announced,
    maxRows: Math.min(expected, (end - start) >> 1),
  };
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
    const after = readKey(buf, i, limit, prev);
    if (after < 0) return FAIL;
    const k = key.column;
    i = buf[after] === 0x3a ? after : ws(buf, after);
    if (buf[i] !== 0x3a) return FAIL;
    i = isWs(buf[++i]!) ? ws(buf, i) : i;
    if (k === UNKNOWN) {
      i = scanJsonValue(buf, i, limit);
      prev = EVENT_COLUMNS.length + 1;
    } else {
      if (seen & (1 << k)) return FAIL; // a key twice: the plain parser keeps the last
      seen |= 1 << k;
      i = readValue(buf, i, limit, cols, k, r);
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

/** The column of the key {@link readKey} read last (UNKNOWN for a key of no column). */
const key = { column: UNKNOWN };

/**
 * The key at `i` (a quote): first the one that followed the previous key last time, else a
 * lookup; a key written with escapes ("mess\u0061ge" is "message") is decoded as JSON.parse
 * would. Sets `key.column`; returns the index after the key, or FAIL.
 */
function readKey(buf: Buffer, i: number, limit: number, prev: number): number {
  const guess = NEXT[prev]!;
  const end = guess >= 0 ? keyEnd(buf, i + 1, KEYS[guess]!) : FAIL;
  if (end >= 0) {
    key.column = guess;
    return end;
  }
  let j = i + 1;
  for (let c = buf[j]!; c !== 0x22 && c !== 0x5c; c = buf[++j]!) if (c < 0x20 || j >= limit) return FAIL;
  if (buf[j] === 0x22) {
    key.column = knownKey(buf, i + 1, j);
    NEXT[prev] = key.column;
    return j + 1;
  }
  const after = scanJsonValue(buf, i, limit);
  if (after < 0) return FAIL;
  key.column = KEY_INDEX.get(JSON.parse(buf.toString("utf8", i, after)) as string) ?? UNKNOWN;
  return after;
}

/** The value at `i` into row `r` of column `k`, read as its kind; the index after it, or FAIL. */
function readValue(buf: Buffer, i: number, limit: number, cols: EventColumns, k: number, r: number): number {
  const col = cols.columns[k]!;
  const kind = KINDS[k]!;
  if (kind === TEXT) return text(buf, i, limit, col as TextColumn, r);
  if (kind === MS || kind === ID) return int64(buf, i, col as Int64Column, r, kind === ID);
  if (kind === FLAG) return flag(buf, i, col as FlagColumn, r);
  return jsonText(buf, i, limit, col as TextColumn, r);
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

function isWs(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function ws(buf: Buffer, i: number): number {
  while (isWs(buf[i]!)) i++;
  return i;
}
