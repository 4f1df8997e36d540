import { readEventsFast, readEventsRaw } from "../ingest/read-events-fast.js";
import { type EventsPage, parseEventsPagePlain } from "./parse-events-page-plain.js";

export { type EventsPage, parseEventsPagePlain };

/**
 * Parses one page of Anaplan audit events into a frame with `ANAPLAN_EVENT_SCHEMA`. Pure:
 * bytes in, frame out (and the bytes are left untouched). The fast path (`readEventsFast`: a
 * WebAssembly or JavaScript scanner and Arrow IPC, no JavaScript object per event) reads the
 * pages it is sure of; {@link parseEventsPagePlain} reads the rest; both give the same, exact
 * frame: ids as their exact digits even past 2^53, `additionalAttributes` as the JSON text the
 * server sent (null when null or absent), eventDate and createdDate as UTC datetimes.
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
 * Parses a page for `mergeEventPages`, which finishes many pages in one pass: the raw frame of
 * the fast path (`id`, `eventDate` and `createdDate` still Int64, see `readEventsRaw`) when it
 * applies, else the finished frame of {@link parseEventsPagePlain}. `mergeEventPages` takes
 * either kind and returns `ANAPLAN_EVENT_SCHEMA`; nothing else should see a raw frame.
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
