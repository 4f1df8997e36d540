import type { EventsPage } from "../parse/parse-events-page-plain.js";
import { IpcScanner } from "./ipc-scanner.js";
import { finishEvents, type RawEventsPage, readScannedPage } from "./raw-events.js";

/** The scanners and their buffers, reused page after page (synchronous use only). */
const scanner = new IpcScanner();

/**
 * Parses an Anaplan audit events page without `JSON.parse`: `IpcScanner` reads the bytes
 * straight into columns (WebAssembly for the documented shapes, else JavaScript), which reach
 * Polars as one Arrow IPC record batch. The frame equals `parseEventsPage`'s on the same bytes.
 *
 * Returns undefined whenever this path cannot be sure of that — a page of another shape, a
 * value of an unexpected type (an id past Int64, an ISO date, a flag as text), bytes that are
 * not valid JSON — so the caller uses the plain parser, which also produces the right error.
 *
 * @param body - the response bytes
 * @returns the page, or undefined to fall back to the plain parser
 * @example
 * ```ts
 * const page = readEventsFast(body) ?? parseEventsPage(body);
 * ```
 */
export function readEventsFast(body: Uint8Array): EventsPage | undefined {
  const page = readEventsRaw(body);
  return page && { frame: finishEvents([page.raw]), paging: page.paging };
}

/**
 * Like {@link readEventsFast}, but leaves `id` and the dates as Int64 so that many pages can be
 * finished together with {@link finishEvents}.
 *
 * @param body - the response bytes
 * @returns the raw page, or undefined to fall back to the plain parser
 * @example
 * ```ts
 * readEventsRaw(body)?.raw.dtypes[0] //=> Int64
 * ```
 */
export function readEventsRaw(body: Uint8Array): RawEventsPage | undefined {
  // A page too large for the scanner's buffers (a RangeError from allocating them): let the
  // plain parser read it, which gives the right frame or the right PayloadError.
  try {
    const scanned = scanner.read(body);
    if (!scanned) return undefined;
    return readScannedPage(scanned.ipc, scanned.rows, scanned.envelope);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}
