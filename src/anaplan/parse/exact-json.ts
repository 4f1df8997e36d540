import { MAX_JSON_DEPTH } from "./read-json-body.js";
/**
 * A JSON value as read by {@link readExactJson}: where its text is (`from`..`to` of the source),
 * strings decoded, object members by decoded key (of repeated keys the last value wins, in the
 * first key's place, as in `JSON.parse`), numbers left as their text — nothing rounded, nothing re-serialised.
 */
export type ExactValue =
  | { type: "object"; from: number; to: number; members: Map<string, ExactValue> }
  | { type: "array"; from: number; to: number; items: ExactValue[] }
  | { type: "string"; from: number; to: number; value: string }
  | { type: "number" | "true" | "false" | "null"; from: number; to: number };

/** The deepest nesting {@link readExactJson} reads (objects and arrays). */
export const EXACT_JSON_MAX_DEPTH = MAX_JSON_DEPTH;

/**
 * Reads JSON text without losing anything `JSON.parse` would: every value keeps the range of its
 * source text, so a number stays exactly as written (an id past 2^53 too) and an object can be
 * kept as the bytes the server sent. Strings are decoded exactly as `JSON.parse` decodes them.
 * Used by the plain events parser, where `JSON.parse` alone would round or re-serialise.
 *
 * @param text - the JSON text (a leading byte-order mark is skipped)
 * @param keepDepth - objects and arrays nested deeper than this are checked and located but
 * their members are not kept (`members`/`items` empty): cheaper when only their text is needed
 * @returns the value
 * @throws SyntaxError for text that is not one JSON value, and RangeError past
 * {@link EXACT_JSON_MAX_DEPTH} levels of nesting (the caller turns both into a PayloadError)
 * @example
 * ```ts
 * const v = readExactJson('{"id": 1389498298478657537}');
 * v.type === "object" && v.members.get("id") //=> { type: "number", from: 7, to: 26 }
 * ```
 */
export function readExactJson(text: string, keepDepth = Number.POSITIVE_INFINITY): ExactValue {
  const reader = new Reader(text, keepDepth);
  reader.i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const value = reader.value(0);
  reader.skipWs();
  if (reader.i !== text.length) reader.fail("unexpected text after the JSON value");
  return value;
}

/**
 * The source text of a value read by {@link readExactJson}.
 *
 * @param text - the text it was read from
 * @param value - the value
 * @returns its JSON text, exactly as written
 * @example
 * ```ts
 * sourceOf('{"a": 1.50}', { type: "number", from: 6, to: 10 }) //=> "1.50"
 * ```
 */
export function sourceOf(text: string, value: ExactValue): string {
  return text.slice(value.from, value.to);
}

class Reader {
  i = 0;
  constructor(
    readonly text: string,
    readonly keepDepth: number,
  ) {}

  fail(why: string): never {
    throw new SyntaxError(`${why} at position ${this.i}`);
  }

  skipWs(): void {
    const t = this.text;
    for (let c = t.charCodeAt(this.i); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; ) {
      c = t.charCodeAt(++this.i);
    }
  }

  value(depth: number): ExactValue {
    this.skipWs();
    const c = this.text.charCodeAt(this.i);
    if (c === 0x22) return this.string(depth <= this.keepDepth);
    if (c === 0x7b || c === 0x5b) {
      if (depth >= EXACT_JSON_MAX_DEPTH) {
        throw new RangeError(`JSON nested deeper than ${EXACT_JSON_MAX_DEPTH} levels`);
      }
      return c === 0x7b ? this.object(depth + 1) : this.array(depth + 1);
    }
    if (c === 0x74) return this.word("true");
    if (c === 0x66) return this.word("false");
    if (c === 0x6e) return this.word("null");
    return this.number();
  }

  object(depth: number): ExactValue {
    const from = this.i++;
    const keep = depth <= this.keepDepth;
    const members = new Map<string, ExactValue>();
    this.skipWs();
    if (this.text.charCodeAt(this.i) === 0x7d) return { type: "object", from, to: ++this.i, members };
    for (;;) {
      this.skipWs();
      if (this.text.charCodeAt(this.i) !== 0x22) this.fail("expected a key");
      const key = this.string(keep).value;
      this.skipWs();
      if (this.text.charCodeAt(this.i++) !== 0x3a) this.fail("expected ':'");
      const value = this.value(depth);
      if (keep) members.set(key, value); // a repeated key: the last value, the first place
      if (this.endOf(0x7d)) return { type: "object", from, to: this.i, members };
    }
  }

  array(depth: number): ExactValue {
    const from = this.i++;
    const items: ExactValue[] = [];
    this.skipWs();
    if (this.text.charCodeAt(this.i) === 0x5d) return { type: "array", from, to: ++this.i, items };
    const keep = depth <= this.keepDepth;
    for (;;) {
      const item = this.value(depth);
      if (keep) items.push(item);
      if (this.endOf(0x5d)) return { type: "array", from, to: this.i, items };
    }
  }

  /** After a member or item: true at the closing bracket (consumed), false after a comma. */
  endOf(close: number): boolean {
    this.skipWs();
    const c = this.text.charCodeAt(this.i++);
    if (c === close) return true;
    if (c !== 0x2c) this.fail(`expected ',' or '${String.fromCharCode(close)}'`);
    return false;
  }

  /** A string; decoded when `decode`, else only checked (its `value` is then empty). */
  string(decode: boolean): ExactValue & { type: "string" } {
    const t = this.text;
    const from = this.i;
    let escaped = false;
    for (let j = from + 1; j < t.length; j++) {
      const c = t.charCodeAt(j);
      if (c === 0x22) {
        this.i = j + 1;
        // Escapes are decoded by JSON.parse itself, so the text is exactly what it would give.
        const value = !decode
          ? ""
          : escaped
            ? (JSON.parse(t.slice(from, j + 1)) as string)
            : t.slice(from + 1, j);
        return { type: "string", from, to: j + 1, value };
      }
      if (c === 0x5c) {
        escaped = true;
        this.i = j;
        if (!ESCAPE.test(t.slice(j, j + 6))) this.fail("invalid escape in a string");
        j++;
      } else if (c < 0x20) {
        this.i = j;
        this.fail("control character in a string");
      }
    }
    this.i = t.length;
    return this.fail("unterminated string");
  }

  word(word: "true" | "false" | "null"): ExactValue {
    const from = this.i;
    if (!this.text.startsWith(word, from)) this.fail("unexpected token");
    this.i += word.length;
    return { type: word, from, to: this.i };
  }

  number(): ExactValue {
    const from = this.i;
    NUMBER.lastIndex = from;
    const match = NUMBER.exec(this.text);
    if (!match) this.fail("unexpected token");
    this.i = from + match[0].length;
    return { type: "number", from, to: this.i };
  }
}

/** A valid escape at the start of the text: \" \\ \/ \b \f \n \r \t or \u and four hex digits. */
const ESCAPE = /^\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/;

/** A JSON number, matched where the reader stands (sticky). */
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
