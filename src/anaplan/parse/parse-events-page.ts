import type pl from "nodejs-polars";
import { readEventsFast, readEventsRaw } from "../ingest/read-events-fast.js";
import { ANAPLAN_EVENT_SCHEMA, ANAPLAN_EVENT_TEXT_COLUMNS, frameFromColumns } from "../schemas.js";
import { listOf } from "./list-of.js";
import { type AnaplanPaging, readPaging } from "./paging.js";
import { flagOf, msOf, readJsonBody, textOf } from "./read-json-body.js";

/** One parsed page of `GET /audit/api/1/events`. */
export interface EventsPage {
  /** The page's events, with {@link ANAPLAN_EVENT_SCHEMA}. */
  frame: pl.DataFrame;
  /** `meta.paging` of the page. */
  paging: AnaplanPaging;
}

const TEXT_COLUMNS = ANAPLAN_EVENT_TEXT_COLUMNS;

/**
 * Parses one page of Anaplan audit events into a frame with {@link ANAPLAN_EVENT_SCHEMA}. Pure:
 * bytes in, frame out (and the bytes are left untouched). Compact pages are read by Polars'
 * multi-threaded NDJSON reader without a JavaScript object per event; anything else by
 * {@link parseEventsPagePlain}; both give the same frame. Ids stay exact text even past 2^53; `additionalAttributes` becomes JSON
 * text, or null when it is null or absent; eventDate and createdDate become UTC datetimes.
 *
 * @param body - the response body bytes
 * @returns the frame (zero rows with the full schema for an empty page) and `meta.paging`
 * @throws {@link PayloadError} for an empty body, an HTML page, malformed or truncated JSON, or
 * a body without a `response` array — never a partial frame
 * @example
 * ```ts
 * const { frame, paging } = parseEventsPage(Buffer.from('{"meta":{"paging":{"totalSize":1}},"response":[{"id":1389498298478657537,"eventTypeId":"USR-8","eventDate":1781249727000}]}'));
 * frame.getColumn("id").toArray() //=> ["1389498298478657537"]
 * paging.totalSize //=> 1
 * ```
 */
export function parseEventsPage(body: Uint8Array): EventsPage {
  return readEventsFast(body) ?? parseEventsPagePlain(body);
}

/**
 * Parses a page for {@link mergeEventPages}, which finishes many pages in one pass: the raw frame
 * of the fast path (`id`, `eventDate` and `createdDate` still Int64, see `readEventsRaw`) when it
 * applies, else the finished frame of {@link parseEventsPagePlain}. `mergeEventPages` takes
 * either kind and returns {@link ANAPLAN_EVENT_SCHEMA}; nothing else should see a raw frame.
 *
 * @param body - the response body bytes
 * @returns the frame (raw or finished) and `meta.paging`
 * @throws {@link PayloadError} as {@link parseEventsPage}
 * @example
 * ```ts
 * mergeEventPages([parseEventsPageForMerge(body).frame]).frameEqual(parseEventsPage(body).frame) //=> true
 * ```
 */
export function parseEventsPageForMerge(body: Uint8Array): EventsPage {
  const page = readEventsRaw(body);
  return page ? { frame: page.raw, paging: page.paging } : parseEventsPagePlain(body);
}

/**
 * The reference parser behind {@link parseEventsPage}: `JSON.parse` (ids quoted first) and
 * column arrays. `parseEventsPage` answers through Polars' NDJSON reader when it can be sure of
 * the same frame (see `readEventsFast`) and through this function otherwise, which is also where
 * every {@link PayloadError} comes from.
 *
 * @param body - the response body bytes
 * @returns the frame and `meta.paging`, exactly as {@link parseEventsPage} documents them
 * @throws {@link PayloadError} as {@link parseEventsPage}
 * @example
 * ```ts
 * parseEventsPagePlain(body).frame.frameEqual(parseEventsPage(body).frame) //=> true
 * ```
 */
export function parseEventsPagePlain(body: Uint8Array): EventsPage {
  const root = readJsonBody(body, "an Anaplan audit events page");
  const rows = listOf(root, "response", "an Anaplan audit events page", body);
  const n = rows.length;
  const text: Record<string, Array<string | null>> = { id: new Array(n) };
  for (const name of TEXT_COLUMNS) text[name] = new Array(n);
  const success = new Array<boolean | null>(n);
  const eventDate = new Array<number | null>(n);
  const createdDate = new Array<number | null>(n);
  const attributes = new Array<string | null>(n);
  for (let i = 0; i < n; i++) {
    const event = rows[i] as Record<string, unknown>;
    text.id![i] = textOf(event.id);
    for (const name of TEXT_COLUMNS) text[name]![i] = textOf(event[name]);
    success[i] = flagOf(event.success);
    eventDate[i] = msOf(event.eventDate);
    createdDate[i] = msOf(event.createdDate);
    const attrs = event.additionalAttributes;
    attributes[i] = attrs === null || attrs === undefined ? null : textOf(attrs);
  }
  const frame = frameFromColumns(
    ANAPLAN_EVENT_SCHEMA,
    { ...text, success, eventDate, createdDate, additionalAttributes: attributes },
    n,
  );
  return { frame, paging: readPaging(root as Record<string, unknown>) };
}
