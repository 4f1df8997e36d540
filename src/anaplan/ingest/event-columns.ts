import { ANAPLAN_EVENT_LAYOUT, type EventColumnKind, storageOf } from "../event-layout.js";
import { type IpcColumn, IpcWriter } from "./arrow-ipc.js";

/**
 * The event columns in frame order with the kind each is read as, from
 * {@link ANAPLAN_EVENT_LAYOUT} (the one declaration of the layout): `id` and the dates stored as
 * Int64, `success` as a flag, the rest as text. `name` is the frame's column, `field` the JSON key.
 *
 * @example
 * ```ts
 * EVENT_COLUMNS[0] //=> { name: "id", field: "id", kind: "id" }
 * ```
 */
export const EVENT_COLUMNS: ReadonlyArray<{ name: string; field: string; kind: EventColumnKind }> =
  ANAPLAN_EVENT_LAYOUT.map((c) => ({ name: c.column, field: c.field, kind: c.kind }));

/**
 * UTF-8 text values, back to back, with Arrow offsets and a validity bitmap.
 *
 * @example
 * ```ts
 * const t = new TextColumn();
 * t.ensure(3); // room for 3 more bytes after `t.end`
 * ```
 */
export class TextColumn {
  data = new Uint8Array(0);
  offsets = new Int32Array(1);
  valid = new Uint8Array(0);
  /** Bytes written to `data`. */
  end = 0;

  /** Makes room for `bytes` more bytes of text. */
  ensure(bytes: number): void {
    if (this.end + bytes <= this.data.length) return;
    const next = new Uint8Array(Math.max(this.data.length * 2, this.end + bytes));
    next.set(this.data.subarray(0, this.end));
    this.data = next;
  }
}

/**
 * 64-bit integers written as two 32-bit words (no BigInt on the common path), with validity.
 *
 * @example
 * ```ts
 * col.words[2 * row] = v >>> 0; col.words[2 * row + 1] = Math.floor(v / 2 ** 32); // v < 2^53
 * ```
 */
export class Int64Column {
  words = new Int32Array(0);
  big = new BigInt64Array(0);
  valid = new Uint8Array(0);
}

/**
 * Booleans as an Arrow bitmap, with validity.
 *
 * @example
 * ```ts
 * col.bits[row >> 3] |= 1 << (row & 7); // true
 * ```
 */
export class FlagColumn {
  bits = new Uint8Array(0);
  valid = new Uint8Array(0);
}

type AnyColumn = TextColumn | Int64Column | FlagColumn;

/** Writers for text as offsets (the JavaScript scanner) and as views (the WebAssembly one). */
const writer = (text: "utf8" | "utf8view") =>
  new IpcWriter(
    EVENT_COLUMNS.map((c) => ({
      name: c.name,
      type: storageOf(c.kind) === "int64" ? "int64" : c.kind === "flag" ? "bool" : text,
    })),
  );
const WRITER = writer("utf8");
const VIEW_WRITER = writer("utf8view");

/**
 * Writes event columns (in {@link EVENT_COLUMNS} order, raw layout: `id` and the dates as
 * Int64) as one Arrow IPC stream; text as Utf8View when the columns come with views, else Utf8.
 * Polars reads both as String.
 *
 * @param rows - rows in the columns
 * @param columns - the buffers, one entry per column
 * @param alloc - gives the buffer to write into (see `IpcWriter.write`)
 * @returns the stream bytes
 * @example
 * ```ts
 * const ipc = writeEventsIpc(rows, wasmScanner.columns(rows));
 * pl.readIPCStream(Buffer.from(ipc)).height //=> rows
 * ```
 */
export function writeEventsIpc(
  rows: number,
  columns: readonly IpcColumn[],
  alloc?: (bytes: number) => Uint8Array,
): Uint8Array {
  return (columns.some((c) => c.views) ? VIEW_WRITER : WRITER).write(rows, columns, alloc);
}

/**
 * The columns of one events page while it is scanned, in `ANAPLAN_EVENT_SCHEMA` order, and
 * their Arrow IPC encoding (the raw layout of `RawEventsPage`: `id` and the dates as Int64).
 * Buffers are reused page after page: one instance per thread, used synchronously.
 *
 * @example
 * ```ts
 * const cols = new EventColumns();
 * cols.reset(10_000, body.length); // then scanEventsPage fills it
 * pl.readIPCStream(Buffer.from(cols.toIpc())).height //=> cols.rows
 * ```
 */
export class EventColumns {
  readonly columns: AnyColumn[] = EVENT_COLUMNS.map((c) => {
    const storage = storageOf(c.kind);
    return storage === "int64" ? new Int64Column() : storage === "flag" ? new FlagColumn() : new TextColumn();
  });
  /** The text and JSON columns (their offsets are written at the end of each row). */
  readonly texts: TextColumn[] = this.columns.filter((c): c is TextColumn => c instanceof TextColumn);
  rows = 0;
  capacity = 0;

  /**
   * Empties the columns for a new page.
   *
   * @param rows - rows expected (more are made room for as they come)
   * @param bytes - bytes of the response array: a column's decoded text is never longer, except
   * for values printed by `textOf`, which make room for themselves
   */
  reset(rows: number, bytes: number): void {
    this.rows = 0;
    this.#grow(Math.max(rows + 1, 16), false);
    for (const c of this.columns) c.valid.fill(0);
    for (const c of this.columns) if (c instanceof FlagColumn) c.bits.fill(0);
    for (const t of this.texts) {
      t.end = 0;
      t.offsets[0] = 0;
      // With room to spare: pages differ in size, and each new buffer is fresh memory to fault in.
      if (t.data.length < bytes) t.data = new Uint8Array(Math.ceil(bytes * 1.25));
    }
  }

  /** Drops the text buffers (the largest part) until the next page needs them again. */
  release(): void {
    for (const t of this.texts) t.data = new Uint8Array(0);
  }

  /** Closes the current row: absent text values become empty (null) slots. */
  endRow(): void {
    const row = ++this.rows;
    for (const t of this.texts) t.offsets[row] = t.end;
    if (row === this.capacity) this.#grow(this.capacity * 2, true);
  }

  /**
   * The page as an Arrow IPC stream (schema, one record batch, end mark), for
   * `pl.readIPCStream`.
   *
   * @param alloc - gives the buffer to write into (see `IpcWriter.write`)
   * @returns the stream: a view of `alloc`'s buffer, or of one reused by the next call
   */
  toIpc(alloc?: (bytes: number) => Uint8Array): Uint8Array {
    const columns = this.columns.map((c): IpcColumn => {
      if (c instanceof TextColumn) return { validity: c.valid, offsets: c.offsets, data: c.data };
      if (c instanceof FlagColumn) return { validity: c.valid, data: c.bits };
      return { validity: c.valid, data: new Uint8Array(c.words.buffer) };
    });
    return writeEventsIpc(this.rows, columns, alloc);
  }

  #grow(rows: number, keep: boolean): void {
    if (rows <= this.capacity) return;
    const bitmap = (old: Uint8Array) => {
      const next = new Uint8Array((rows + 7) >> 3);
      if (keep) next.set(old);
      return next;
    };
    for (const c of this.columns) {
      c.valid = bitmap(c.valid);
      if (c instanceof TextColumn) {
        const offsets = new Int32Array(rows + 1);
        if (keep) offsets.set(c.offsets);
        c.offsets = offsets;
      } else if (c instanceof FlagColumn) c.bits = bitmap(c.bits);
      else {
        const words = new Int32Array(rows * 2);
        if (keep) words.set(c.words);
        c.words = words;
        c.big = new BigInt64Array(words.buffer);
      }
    }
    this.capacity = rows;
  }
}
