import { ANAPLAN_EVENT_LAYOUT, type EventColumnKind } from "../src/anaplan/event-layout.js";

/**
 * Random, valid Anaplan events pages together with their exact reading, for the differential
 * fuzz test of the event parsers. The expected values are not computed by parsing: they are
 * what the generator chose, written into JSON in one of its many valid spellings (escaped keys,
 * repeated keys, string escapes, number forms, unicode, whitespace), so the reading is
 * independent of every parser under test.
 */

/** A generated page: its bytes and, per column, the values its exact reading gives. */
export interface ExactPage {
  body: Buffer;
  /** Column → one value per event (dates as epoch milliseconds). */
  expected: Record<string, unknown[]>;
  /** Whether only the documented, compact shapes were used (the WebAssembly tier reads those). */
  compact: boolean;
}

type Rand = () => number;
/** A value as JSON text and what reading it gives. */
type Spelled = [json: string, reading: unknown];

const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const chance = (r: Rand, p: number) => r() < p;

/** Characters for strings: specials, controls, BMP and astral unicode. */
const CHARS = [
  '"',
  "\\",
  "/",
  "\b",
  "\f",
  "\n",
  "\r",
  "\t",
  "\u0001",
  "\u001f",
  "{",
  "}",
  ",",
  ":",
  "é",
  "日",
  "😀",
  "𝄞",
  "\u2028",
  "a",
  "Z",
  "0",
  " ",
  "\u007f",
];

/** A JSON string literal for `s` in a random valid spelling (escapes, \u forms, surrogate pairs). */
export function spellString(r: Rand, s: string, compact: boolean): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    const short: Record<string, string> = {
      '"': '\\"',
      "\\": "\\\\",
      "\b": "\\b",
      "\f": "\\f",
      "\n": "\\n",
      "\r": "\\r",
      "\t": "\\t",
    };
    if (short[ch] !== undefined && (compact || chance(r, 0.7))) out += short[ch];
    else if (code < 0x20 || ch === '"' || ch === "\\" || (!compact && chance(r, 0.15)))
      out += unicodeEscape(r, ch);
    else if (ch === "/" && !compact && chance(r, 0.5)) out += "\\/";
    else out += ch;
  }
  return `${out}"`;
}

function unicodeEscape(r: Rand, ch: string): string {
  let out = "";
  for (let k = 0; k < ch.length; k++) {
    const hex = ch.charCodeAt(k).toString(16).padStart(4, "0");
    out += `\\u${chance(r, 0.5) ? hex.toUpperCase() : hex}`;
  }
  return out;
}

function randomText(r: Rand, max: number): string {
  let s = "";
  for (let n = Math.floor(r() * max); n > 0; n--) s += pick(r, CHARS);
  return s;
}

/** Whitespace between tokens: none when compact. */
function gap(r: Rand, compact: boolean): string {
  return compact || chance(r, 0.6) ? "" : pick(r, [" ", "\n", "\t", "\r\n", "  \n\t"]);
}

function digits(r: Rand, n: number): string {
  let s = String(1 + Math.floor(r() * 9));
  while (s.length < n) s += String(Math.floor(r() * 10));
  return s;
}

/** Number forms whose exact reading as text is their spelling. */
const ODD_NUMBERS = [
  "-0",
  "0",
  "1e5",
  "1E+5",
  "0.10",
  "-12.5e-3",
  "123456789012345678901234567890",
  "9007199254740993",
  "-9223372036854775809",
  "1.0",
];

/** A random JSON value (for attributes and unknown keys): its text, as sent. */
function randomJson(r: Rand, depth: number, compact: boolean): string {
  const g = () => gap(r, compact);
  const roll = r();
  if (depth > 3 || roll < 0.35) {
    if (chance(r, 0.4)) return spellString(r, randomText(r, 6), compact);
    if (chance(r, 0.3)) return pick(r, ["true", "false", "null"]);
    if (compact) return pick(r, ["0", "7", "-12", digits(r, 10)]);
    return pick(r, [...ODD_NUMBERS, digits(r, 19)]);
  }
  if (roll < 0.55) {
    const items = Array.from(
      { length: Math.floor(r() * 4) },
      () => g() + randomJson(r, depth + 1, compact) + g(),
    );
    return `[${items.join(",")}]`;
  }
  const keys = compact
    ? ["clientName", "roleId", "roleName", "k"]
    : ["id", "clientName", "roleId", "2", "a", "a", "\u00e9", "x y"];
  const members: string[] = [];
  const used = new Set<string>();
  for (let n = Math.floor(r() * 4); n > 0; n--) {
    const key = pick(r, keys);
    if (compact && used.has(key)) continue;
    used.add(key);
    members.push(
      `${g()}${spellString(r, key, compact)}${g()}:${g()}${randomJson(r, depth + 1, compact)}${g()}`,
    );
  }
  return `{${members.join(",")}}`;
}

/** A value of a column of `kind` and its exact reading (undefined: the key is left out). */
function spellValue(r: Rand, kind: EventColumnKind, compact: boolean): Spelled {
  if (chance(r, 0.08)) return ["null", null];
  switch (kind) {
    case "id": {
      if (compact) {
        const n = pick(r, [digits(r, 10), digits(r, 19).replace(/^[89]/, "1"), `-${digits(r, 5)}`]);
        return [n, n];
      }
      if (chance(r, 0.3)) {
        const s = randomText(r, 6);
        return [spellString(r, s, false), s];
      }
      const n = pick(r, [...ODD_NUMBERS, digits(r, 19), digits(r, 25)]);
      return [n, n];
    }
    case "ms": {
      const ms = 1_700_000_000_000 + Math.floor(r() * 100_000_000_000);
      const iso = new Date(ms).toISOString();
      if (compact) return [String(ms), ms];
      const forms = [`${ms}.0`, `${ms / 1000}e3`, `"${ms}"`, `${ms}`, `"${iso.replace("Z", "+0000")}"`];
      return [pick(r, forms), ms];
    }
    case "flag": {
      const v = chance(r, 0.5);
      if (compact || chance(r, 0.6)) return [String(v), v];
      return chance(r, 0.5) ? [`"${v}"`, v] : [pick(r, ["1", '"yes"', "{}"]), null];
    }
    case "text": {
      if (!compact && chance(r, 0.2)) {
        const json = randomJson(r, 1, false);
        // A string is decoded; null is null; any other value is kept as sent.
        return [json, json === "null" ? null : json.startsWith('"') ? (JSON.parse(json) as string) : json];
      }
      const s = randomText(r, 12);
      return [spellString(r, s, compact), s];
    }
    case "json": {
      const json = randomJson(r, 0, compact);
      return [json, json === "null" ? null : json];
    }
  }
}

/** A key in a random valid spelling (some characters as \u escapes). */
function spellKey(r: Rand, key: string, compact: boolean): string {
  if (compact || chance(r, 0.7)) return `"${key}"`;
  let out = '"';
  for (const ch of key) out += chance(r, 0.4) ? unicodeEscape(r, ch) : ch;
  return `${out}"`;
}

/** One event: its JSON text and its reading, column by column. */
function randomEvent(r: Rand, compact: boolean): [string, Record<string, unknown>] {
  const reading: Record<string, unknown> = {};
  // Members grouped by key: groups are shuffled, a repeated key's values keep their order.
  const groups: string[][] = [];
  const g = () => gap(r, compact);
  for (const c of ANAPLAN_EVENT_LAYOUT) {
    reading[c.column] = null;
    if (chance(r, 0.15)) continue; // absent
    const group: string[] = [];
    if (!compact && chance(r, 0.1)) {
      // A repeated key: the first value is overridden by the one that follows.
      group.push(`${spellKey(r, c.field, false)}${g()}:${g()}${spellValue(r, c.kind, false)[0]}`);
    }
    const [json, value] = spellValue(r, c.kind, compact);
    group.push(`${spellKey(r, c.field, compact)}${g()}:${g()}${json}`);
    reading[c.column] = value;
    groups.push(group);
  }
  if (!compact && chance(r, 0.3)) groups.push([`"unknownKey"${g()}:${g()}${randomJson(r, 0, false)}`]);
  for (let k = groups.length - 1; k > 0; k--) {
    const j = Math.floor(r() * (k + 1));
    [groups[k], groups[j]] = [groups[j]!, groups[k]!];
  }
  return [`{${g()}${groups.flat().join(`${g()},${g()}`)}${g()}}`, reading];
}

/**
 * A random events page and its exact reading.
 *
 * @param r - the seeded random source
 * @param events - events on the page
 * @param compact - only documented, compact shapes (no escaped keys, odd numbers, whitespace)
 */
export function exactEventsPage(r: Rand, events: number, compact: boolean): ExactPage {
  const expected: Record<string, unknown[]> = {};
  for (const c of ANAPLAN_EVENT_LAYOUT) expected[c.column] = [];
  const texts: string[] = [];
  for (let k = 0; k < events; k++) {
    const [text, reading] = randomEvent(r, compact);
    texts.push(text);
    for (const c of ANAPLAN_EVENT_LAYOUT) expected[c.column]!.push(reading[c.column]);
  }
  const g = () => gap(r, compact);
  const paging = chance(r, 0.9)
    ? `"meta":${g()}{"paging":{"currentPageSize":${events},"totalSize":${events}}},${g()}`
    : "";
  const body = Buffer.from(
    `${g()}{${g()}${paging}"response":${g()}[${g()}${texts.join(`${g()},${g()}`)}${g()}]${g()}}${g()}`,
  );
  return { body, expected, compact };
}
