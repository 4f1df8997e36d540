import { PayloadError } from "../../errors/payload-error.js";
import { excerpt } from "../../http/redact.js";

/**
 * Quotes the numeric value of every `"id"` key in JSON text, so `JSON.parse` keeps the digits
 * exactly (Anaplan event ids can exceed 2^53). Only keys are touched: a key is a quoted `id`
 * right after `{` or `,`, which never happens unescaped inside a JSON string.
 *
 * @param text - JSON text
 * @returns the same text with `"id": 123` turned into `"id":"123"`
 * @example
 * ```ts
 * quoteIds('{"id": 1389498298478657537, "x": 1}') //=> '{"id":"1389498298478657537", "x": 1}'
 * ```
 */
export function quoteIds(text: string): string {
  return text.replace(/([{,]\s*"id"\s*:\s*)(-?\d+)(?=\s*[,}])/g, '$1"$2"');
}

/**
 * The deepest nesting of arrays and objects accepted in a response body. An Anaplan page is
 * about 4 deep (`{ response: [ { additionalAttributes: { … } } ] }`); deeper bodies are refused
 * before `JSON.parse`, so turning a value back into text (which recurses) cannot exhaust the stack.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * The deepest nesting of arrays and objects in JSON text, stopping as soon as it passes `limit`
 * (strings are skipped, escapes included).
 *
 * @param text - JSON text
 * @param limit - stop counting past this depth
 * @returns the depth, or `limit + 1` when deeper
 * @example
 * ```ts
 * jsonDepth('{"a":[1,{"b":"[["}]}', 64) //=> 3
 * ```
 */
export function jsonDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // skip a string: up to the next quote not escaped
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return max;
}

/**
 * Decodes a response body as JSON with exact ids, or explains why it cannot.
 *
 * @param body - the raw response bytes
 * @param what - what the body should be, for messages ("an Anaplan audit events page")
 * @returns the parsed value
 * @throws {@link PayloadError} for an empty body, an HTML page, JSON nested deeper than
 * {@link MAX_JSON_DEPTH} (`bound.name` `"maxJsonDepth"`), or malformed or truncated JSON
 * @example
 * ```ts
 * readJsonBody(Buffer.from('{"id":1}'), "a page") //=> { id: "1" }
 * ```
 */
export function readJsonBody(body: Uint8Array, what: string): unknown {
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength)
    .toString("utf8")
    .replace(/^\uFEFF/, "");
  const start = text.trimStart();
  const advice =
    "Retry; if it persists, check that the URL points at the Anaplan API (not a proxy or login page)";
  if (start.length === 0) {
    throw new PayloadError(`Expected ${what} (JSON) but the body is empty. ${advice}.`, "");
  }
  if (start.startsWith("<")) {
    throw new PayloadError(
      `Expected ${what} (JSON) but got an HTML page (${body.length} bytes; an error page from a proxy or a login page?). ${advice}. Body starts: ${excerpt(start, 120)}`,
      excerpt(start),
    );
  }
  const depth = jsonDepth(start, MAX_JSON_DEPTH);
  if (depth > MAX_JSON_DEPTH) {
    throw new PayloadError(
      `Expected ${what} but the JSON is nested deeper than ${MAX_JSON_DEPTH} levels (the kit's limit; an Anaplan page is about 4 deep): refused unread. ${advice}.`,
      excerpt(text, 80),
      { bound: { name: "maxJsonDepth", limit: MAX_JSON_DEPTH, observed: depth } },
    );
  }
  try {
    return JSON.parse(quoteIds(text));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const truncated = /end of (JSON )?input|Unterminated/i.test(reason);
    throw new PayloadError(
      `Expected ${what} but the JSON is ${truncated ? "cut short (truncated body?)" : "malformed"} (${reason}; ${body.length} bytes). ${advice}. Body ends: ${excerpt(text.slice(-120), 120)}`,
      excerpt(text),
      { cause: error },
    );
  }
}

/**
 * Text of a JSON value for a string column: strings as they are, numbers and booleans as
 * text, objects and arrays as JSON, null and absent as null.
 *
 * @example
 * ```ts
 * textOf(42) //=> "42"
 * textOf(undefined) //=> null
 * ```
 */
export function textOf(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") {
    return String(value);
  }
  return JSON.stringify(value);
}

/**
 * A JSON flag for a Boolean column: true/false, or the text "true"/"false"; anything else null.
 *
 * @example
 * ```ts
 * flagOf("false") //=> false
 * ```
 */
export function flagOf(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (value === "true") return true;
  if (value === "false") return false;
  return null;
}

/**
 * Epoch milliseconds of a JSON timestamp: a number, numeric text, or ISO-8601 text (also with an
 * offset written `+0000`); null when absent or unreadable.
 *
 * @example
 * ```ts
 * msOf("2026-05-07T08:05:37.000+0000") //=> 1778141137000
 * msOf(1781249727000) //=> 1781249727000
 * ```
 */
export function msOf(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string" || value === "") return null;
  if (/^-?\d+$/.test(value)) return Number(value);
  const normal = value.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  const ms = Date.parse(normal);
  return Number.isNaN(ms) ? null : ms;
}
