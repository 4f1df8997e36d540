import type pl from "nodejs-polars";
import { PayloadError } from "../../errors/payload-error.js";
import { excerpt } from "../../http/redact.js";
import { ANAPLAN_EVENT_LAYOUT, type EventColumnKind } from "../event-layout.js";
import { ANAPLAN_EVENT_SCHEMA, type ColumnValues, frameFromColumns } from "../schemas.js";
import { type ExactValue, readExactJson, sourceOf } from "./exact-json.js";
import { listOf } from "./list-of.js";
import { type AnaplanPaging, readPaging } from "./paging.js";
import { msOf, readJsonBody } from "./read-json-body.js";

/** One parsed page of `GET /audit/api/1/events`. */
export interface EventsPage {
  /** The page's events, with {@link ANAPLAN_EVENT_SCHEMA}. */
  frame: pl.DataFrame;
  /** `meta.paging` of the page. */
  paging: AnaplanPaging;
}

const WHAT = "an Anaplan audit events page";

/**
 * The reference parser of Anaplan audit events pages: every value read exactly as the JSON
 * states it (see `EventColumnKind`): ids as their exact digits even past 2^53 and even when the
 * key is written with escapes (`"\u0069d"`), `additionalAttributes` as the JSON text the server
 * sent, other non-string values of text columns as their JSON text, the last of repeated keys.
 * The fast path (`src/anaplan/ingest/`) gives the same frame or declines the page, which then
 * comes here; every {@link PayloadError} about a page's content comes from here.
 *
 * @param body - the response body bytes (not modified)
 * @returns the frame (zero rows with the full schema for an empty page) and `meta.paging`
 * @throws {@link PayloadError} for an empty body, an HTML page, malformed or truncated JSON, a
 * body without a `response` array of objects, or a date that is not a whole number of
 * milliseconds within ±2^53 — never a partial frame
 * @example
 * ```ts
 * const { frame } = parseEventsPagePlain(Buffer.from('{"response":[{"\\u0069d":1389498298478657537}]}'));
 * frame.getColumn("id").toArray() //=> ["1389498298478657537"]
 * ```
 */
export function parseEventsPagePlain(body: Uint8Array): EventsPage {
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8");
  const root = readExact(text, body);
  const plain = plainEnvelope(text, root);
  listOf(plain, "response", WHAT, body);
  const events = responseOf(root);
  const columns: Record<string, ColumnValues> = {};
  for (const spec of ANAPLAN_EVENT_LAYOUT) {
    const read = READERS[spec.kind];
    columns[spec.column] = events.map((event, row) =>
      read(event.get(spec.field), text, () => `${spec.field} of event ${row}`),
    ) as ColumnValues;
  }
  const frame = frameFromColumns(ANAPLAN_EVENT_SCHEMA, columns, events.length);
  return { frame, paging: readPaging(plain as Record<string, unknown>) };
}

/** Levels kept by the exact reading: the page, `response`, each event, each event's values. */
const KEEP_DEPTH = 3;

/**
 * The exact reading of the body. When it is not JSON, `readJsonBody` gives the error (an empty
 * body, an HTML page, truncated or malformed JSON: the same messages as every other page).
 */
function readExact(text: string, body: Uint8Array): ExactValue {
  try {
    return readExactJson(text, KEEP_DEPTH);
  } catch (error) {
    if (!(error instanceof SyntaxError || error instanceof RangeError)) throw error;
    // readJsonBody gives the error: not JSON, or nested past MAX_JSON_DEPTH (with its bound).
    readJsonBody(body, WHAT);
    throw new PayloadError(`Expected ${WHAT} but ${error.message}.`, excerpt(body), { cause: error });
  }
}

/**
 * The page as `listOf` and `readPaging` expect it: members other than `response` as
 * `JSON.parse` gives them (they are small), and `response` with each object as `{}` (its
 * values are read exactly, elsewhere).
 */
function plainEnvelope(text: string, root: ExactValue): unknown {
  if (root.type !== "object") return JSON.parse(sourceOf(text, root));
  const plain: Record<string, unknown> = {};
  for (const [key, value] of root.members) {
    plain[key] =
      key === "response" && value.type === "array"
        ? value.items.map((item) => (item.type === "object" ? {} : JSON.parse(sourceOf(text, item))))
        : JSON.parse(sourceOf(text, value));
  }
  return plain;
}

/** The members of each event of the `response` array (`listOf` has checked the shape). */
function responseOf(root: ExactValue): Array<Map<string, ExactValue>> {
  const list = root.type === "object" ? root.members.get("response") : undefined;
  if (list?.type !== "array") return [];
  return list.items.map((item) => (item.type === "object" ? item.members : new Map()));
}

type Reader = (value: ExactValue | undefined, text: string, where: () => string) => unknown;

/** How each kind of column reads its value (see `EventColumnKind`). */
const READERS: Record<EventColumnKind, Reader> = {
  id: textReading,
  text: textReading,
  json: (v, text) => (v === undefined || v.type === "null" ? null : sourceOf(text, v)),
  flag: (v) => {
    if (v === undefined) return null;
    if (v.type === "true" || v.type === "false") return v.type === "true";
    return v.type === "string" && (v.value === "true" || v.value === "false") ? v.value === "true" : null;
  },
  ms: msReading,
};

/** A string decoded; null and absent as null; any other value as its JSON text, as sent. */
function textReading(v: ExactValue | undefined, text: string): string | null {
  if (v === undefined || v.type === "null") return null;
  return v.type === "string" ? v.value : sourceOf(text, v);
}

/**
 * Epoch milliseconds: a JSON number that is exactly a whole number within ±2^53 (else a
 * PayloadError: it cannot be kept exactly), or text as `msOf` reads it (numeric or ISO-8601);
 * anything else null.
 */
function msReading(v: ExactValue | undefined, text: string, where: () => string): number | null {
  if (v === undefined || v.type === "null") return null;
  if (v.type !== "number" && v.type !== "string") return null;
  const source = v.type === "string" ? v.value : sourceOf(text, v);
  if (v.type === "string" && !/^-?\d+$/.test(source)) return msOf(source);
  const exact = exactInteger(source);
  if (exact === undefined || exact > MAX_SAFE || exact < -MAX_SAFE) {
    throw new PayloadError(
      `Expected ${WHAT} whose dates are whole epoch milliseconds, but ${where()} is ${excerpt(source, 40)}. The API sends integers; check that the URL points at the Anaplan Audit API.`,
      excerpt(source),
    );
  }
  return Number(exact);
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The exact value of a JSON number when it is a whole number (`1e3`, `1781249727000.0`), else
 * undefined (a fraction, or a power of ten past 10^400).
 *
 * @param source - a JSON number's text
 */
function exactInteger(source: string): bigint | undefined {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(source);
  if (!m) return undefined;
  let digits = (m[2] ?? "") + (m[3] ?? "");
  let exponent = Number(m[4] ?? 0) - (m[3] ?? "").length;
  const zeros = /0*$/.exec(digits)![0].length;
  if (zeros === digits.length) return 0n;
  digits = digits.slice(0, digits.length - zeros);
  exponent += zeros;
  if (exponent < 0 || exponent > 400) return undefined;
  const value = BigInt(digits) * 10n ** BigInt(exponent);
  return m[1] === "-" ? -value : value;
}
