import pl from "nodejs-polars";
import { type AnaplanPaging, readPaging } from "../parse/paging.js";
import { ANAPLAN_EVENT_SCHEMA } from "../schemas.js";

/**
 * Events as the fast path first reads them (see `readEventsRaw`): the columns and order of
 * {@link ANAPLAN_EVENT_SCHEMA}, but `id`, `eventDate` and `createdDate` still Int64.
 * {@link finishEvents} turns one or many of them into the final schema in one pass.
 */
export interface RawEventsPage {
  /** The raw frame. */
  raw: pl.DataFrame;
  /** `meta.paging` of the page. */
  paging: AnaplanPaging;
}

const CASTS = [
  pl.col("id").cast(pl.Utf8),
  ...Object.entries(ANAPLAN_EVENT_SCHEMA)
    .filter(([, type]) => type.variant === "Datetime")
    .map(([name]) => pl.col(name).cast(pl.Datetime("ms", "UTC"))),
];

/** Frames made by {@link rawPage}: known raw without asking Polars for their types. */
const RAW_FRAMES = new WeakSet<pl.DataFrame>();

/**
 * Checks what Polars read from the scanned columns (its height: the types are the ones the
 * scanner wrote) and remembers the frame as raw.
 *
 * @param read - Polars' frame, or undefined if it refused the bytes
 * @param rows - events scanned
 * @param envelope - the page without its events
 * @returns the raw page, or undefined when the row count is not as expected
 * @example
 * ```ts
 * rawPage(pl.readIPCStream(ipc), scanned.rows, scanned.envelope)?.paging.totalSize
 * ```
 */
export function rawPage(
  read: pl.DataFrame | undefined,
  rows: number,
  envelope: Record<string, unknown>,
): RawEventsPage | undefined {
  if (!read || read.height !== rows) return undefined;
  RAW_FRAMES.add(read);
  return { raw: read, paging: readPaging(envelope) };
}

/**
 * Reads the Arrow IPC stream the scanner wrote for a page and checks it with {@link rawPage}.
 *
 * @param ipc - the stream (`EventColumns.toIpc`)
 * @param rows - events scanned
 * @param envelope - the page without its events
 * @returns the raw page, or undefined when Polars refused the stream or the rows differ
 * @example
 * ```ts
 * readScannedPage(columns.toIpc(), scanned.rows, scanned.envelope)?.raw.height //=> scanned.rows
 * ```
 */
export function readScannedPage(
  ipc: Uint8Array,
  rows: number,
  envelope: Record<string, unknown>,
): RawEventsPage | undefined {
  let read: pl.DataFrame | undefined;
  try {
    read = pl.readIPCStream(Buffer.from(ipc.buffer, ipc.byteOffset, ipc.byteLength));
  } catch (error) {
    // Polars refusing the stream (a scanner bug, not bad input): the caller reads the page again.
    if (!isPolarsError(error)) throw error;
    read = undefined;
  }
  return rawPage(read, rows, envelope);
}

/** An error raised by Polars' native code (`GenericFailure` and the like), not by JavaScript. */
function isPolarsError(error: unknown): boolean {
  return error instanceof Error && typeof (error as { code?: unknown }).code === "string";
}

/**
 * Whether a frame holds raw events (from {@link rawPage}: `id` still Int64) rather than events
 * with {@link ANAPLAN_EVENT_SCHEMA} (`id` as text).
 *
 * @param frame - an events frame of either kind
 * @returns true for a raw frame
 * @example
 * ```ts
 * isRawEvents(readEventsRaw(body)!.raw) //=> true
 * isRawEvents(parseEventsPage(body).frame) //=> false
 * ```
 */
export function isRawEvents(frame: pl.DataFrame): boolean {
  if (RAW_FRAMES.has(frame)) return true;
  // dtypes, not getColumn(): nodejs-polars builds a Series wrapper of ~1 ms per getColumn call.
  return frame.dtypes[frame.columns.indexOf("id")]?.variant === "Int64";
}

/**
 * Turns raw event frames into one frame with {@link ANAPLAN_EVENT_SCHEMA}: ids as exact decimal
 * text, dates as `Datetime("ms", "UTC")`. One Polars pass for any number of pages (per-call
 * overhead, not per-row work, dominates small pages).
 *
 * @param raws - raw frames (from {@link RawEventsPage}), in order
 * @returns the events, pages concatenated in order
 * @example
 * ```ts
 * finishEvents([page1.raw, page2.raw]).height //=> page1.raw.height + page2.raw.height
 * ```
 */
export function finishEvents(raws: readonly pl.DataFrame[]): pl.DataFrame {
  if (raws.length === 1) return raws[0]!.withColumns(...CASTS);
  return pl
    .concat(
      raws.map((r) => r.lazy()),
      { rechunk: false },
    )
    .withColumns(...CASTS)
    .collectSync();
}
