import * as flatbuffers from "flatbuffers";

/**
 * The smallest Arrow IPC stream writer the events path needs: one schema of nullable Int64,
 * Utf8, Utf8View and Bool columns, one record batch of flat columns, written straight from the column
 * buffers into one reusable output (no intermediate copies). Layout from the Arrow columnar
 * format spec (Message.fbs, Schema.fbs; metadata version V5, little endian).
 */

/** Arrow types this writer knows. */
export type IpcType = "int64" | "utf8" | "utf8view" | "bool";

/**
 * One column's buffers for {@link IpcWriter.write}: validity, then offsets (utf8) or views
 * (utf8view), then data.
 */
export interface IpcColumn {
  /** Validity bitmap (bit set = value present), at least ceil(rows / 8) bytes. */
  validity: Uint8Array;
  /** Int32 offsets (utf8 only), rows + 1 of them. */
  offsets?: Int32Array;
  /** 16-byte views (utf8view only), one per row, into `data` as variadic buffer 0. */
  views?: Uint8Array;
  /** Values: 8 bytes per row (int64), a bitmap (bool), the text bytes (utf8, utf8view: all of `data`). */
  data: Uint8Array;
}

const V5 = 4;
const HEADER_SCHEMA = 1;
const HEADER_RECORD_BATCH = 3;
const TYPE_CODES: Record<IpcType, number> = { int64: 2, utf8: 5, utf8view: 24, bool: 6 };
const CONTINUATION = 0xffffffff;

/**
 * Writes Arrow IPC streams (schema, one record batch, end mark) for a fixed list of columns.
 * Not re-entrant: the returned bytes are a view of a buffer reused by the next `write`.
 *
 * @example
 * ```ts
 * const writer = new IpcWriter([{ name: "id", type: "int64" }]);
 * const bytes = writer.write(2, [{ validity: Uint8Array.of(3), data: new Uint8Array(new BigInt64Array([1n, 2n]).buffer) }]);
 * pl.readIPCStream(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).height //=> 2
 * ```
 */
export class IpcWriter {
  readonly #types: IpcType[];
  readonly #schema: Uint8Array;
  #out = new Uint8Array(0);

  /** @param fields - column names and types, in order */
  constructor(fields: ReadonlyArray<{ name: string; type: IpcType }>) {
    this.#types = fields.map((f) => f.type);
    this.#schema = encapsulate(schemaMessage(fields), 0);
  }

  /**
   * @param rows - rows in the batch
   * @param columns - one entry per field, in order
   * @param alloc - gives the buffer to write into (at least `bytes` long) instead of the
   * writer's own reused one
   * @returns the stream bytes (in the writer's buffer: valid until the next call)
   */
  write(rows: number, columns: readonly IpcColumn[], alloc?: (bytes: number) => Uint8Array): Uint8Array {
    const { buffers, nodes, variadic } = this.#layout(rows, columns);
    let bodyLength = 0;
    const spans = buffers.map(([, length]) => {
      const span: [number, number] = [bodyLength, length];
      bodyLength += pad8(length);
      return span;
    });
    const header = encapsulate(batchMessage(rows, nodes, spans, variadic, bodyLength), bodyLength);
    const total = this.#schema.length + header.length + bodyLength + 8;
    const out = alloc ? alloc(total) : this.#reused(total);
    out.set(this.#schema, 0);
    out.set(header, this.#schema.length);
    let at = this.#schema.length + header.length;
    buffers.forEach(([bytes, length], k) => {
      if (length > 0) out.set(bytes.subarray(0, length), at + spans[k]![0]);
      out.fill(0, at + spans[k]![0] + length, at + spans[k]![0] + pad8(length));
    });
    at += bodyLength;
    new DataView(out.buffer, out.byteOffset).setUint32(at, CONTINUATION, true);
    new DataView(out.buffer, out.byteOffset).setUint32(at + 4, 0, true);
    return out.subarray(0, total);
  }

  /** The batch's buffers (bytes and length used) and field nodes, in Arrow's order. */
  #layout(rows: number, columns: readonly IpcColumn[]) {
    const buffers: Array<[Uint8Array, number]> = [];
    const nodes: Array<[length: number, nulls: number]> = [];
    /** Data buffers of each utf8view column (one each). */
    const variadic: number[] = [];
    const bitmapBytes = (rows + 7) >> 3;
    columns.forEach((c, k) => {
      const nulls = rows - popcount(c.validity, rows);
      nodes.push([rows, nulls]);
      buffers.push([c.validity, nulls === 0 ? 0 : bitmapBytes]);
      const type = this.#types[k];
      if (type === "utf8") {
        const offsets = c.offsets!;
        buffers.push([new Uint8Array(offsets.buffer, offsets.byteOffset, (rows + 1) * 4), (rows + 1) * 4]);
        buffers.push([c.data, offsets[rows]!]);
      } else if (type === "utf8view") {
        buffers.push([c.views!, rows * 16]);
        buffers.push([c.data, c.data.length]);
        variadic.push(1);
      } else buffers.push([c.data, type === "bool" ? bitmapBytes : rows * 8]);
    });
    return { buffers, nodes, variadic };
  }

  /** The writer's own buffer, grown (with room to spare) to `total` bytes. */
  #reused(total: number): Uint8Array {
    if (this.#out.length < total) this.#out = new Uint8Array(Math.ceil(total * 1.25));
    return this.#out;
  }
}

function schemaMessage(fields: ReadonlyArray<{ name: string; type: IpcType }>): Uint8Array {
  const b = new flatbuffers.Builder(1024);
  const fieldOffsets = fields.map((f) => {
    const name = b.createString(f.name);
    b.startObject(f.type === "int64" ? 2 : 0);
    if (f.type === "int64") {
      b.addFieldInt32(0, 64, 0); // bitWidth
      b.addFieldInt8(1, 1, 0); // is_signed
    }
    const type = b.endObject();
    b.startVector(4, 0, 4);
    const children = b.endVector();
    b.startObject(7);
    b.addFieldOffset(0, name, 0);
    b.addFieldInt8(1, 1, 0); // nullable
    b.addFieldInt8(2, TYPE_CODES[f.type], 0);
    b.addFieldOffset(3, type, 0);
    b.addFieldOffset(5, children, 0);
    return b.endObject();
  });
  b.startVector(4, fieldOffsets.length, 4);
  for (let k = fieldOffsets.length - 1; k >= 0; k--) b.addOffset(fieldOffsets[k]!);
  const vector = b.endVector();
  b.startObject(4);
  b.addFieldOffset(1, vector, 0);
  return message(b, HEADER_SCHEMA, b.endObject(), 0);
}

function batchMessage(
  rows: number,
  nodes: ReadonlyArray<[number, number]>,
  buffers: ReadonlyArray<[number, number]>,
  variadic: readonly number[],
  bodyLength: number,
): Uint8Array {
  const b = new flatbuffers.Builder(2048);
  const structs = (items: ReadonlyArray<[number, number]>) => {
    b.startVector(16, items.length, 8);
    for (let k = items.length - 1; k >= 0; k--) {
      b.prep(8, 16);
      b.writeInt64(BigInt(items[k]![1]));
      b.writeInt64(BigInt(items[k]![0]));
    }
    return b.endVector();
  };
  const nodeVector = structs(nodes);
  const bufferVector = structs(buffers);
  let variadicVector = 0;
  if (variadic.length > 0) {
    b.startVector(8, variadic.length, 8);
    for (let k = variadic.length - 1; k >= 0; k--) b.addInt64(BigInt(variadic[k]!));
    variadicVector = b.endVector();
  }
  b.startObject(5);
  b.addFieldInt64(0, BigInt(rows), 0n);
  b.addFieldOffset(1, nodeVector, 0);
  b.addFieldOffset(2, bufferVector, 0);
  if (variadic.length > 0) b.addFieldOffset(4, variadicVector, 0); // variadicBufferCounts
  return message(b, HEADER_RECORD_BATCH, b.endObject(), bodyLength);
}

function message(b: flatbuffers.Builder, headerType: number, header: number, bodyLength: number): Uint8Array {
  b.startObject(5);
  b.addFieldInt16(0, V5, 0);
  b.addFieldInt8(1, headerType, 0);
  b.addFieldOffset(2, header, 0);
  b.addFieldInt64(3, BigInt(bodyLength), 0n);
  b.finish(b.endObject());
  return b.asUint8Array();
}

/** Continuation mark, metadata length, metadata padded to 8 bytes. */
function encapsulate(metadata: Uint8Array, _bodyLength: number): Uint8Array {
  const padded = pad8(metadata.length);
  const out = new Uint8Array(8 + padded);
  const view = new DataView(out.buffer);
  view.setUint32(0, CONTINUATION, true);
  view.setInt32(4, padded, true);
  out.set(metadata, 8);
  return out;
}

function pad8(n: number): number {
  return (n + 7) & ~7;
}

const BITS = new Uint8Array(256).map((_, v) => {
  let n = 0;
  for (let x = v; x; x >>= 1) n += x & 1;
  return n;
});

/** Set bits among the first `rows` of a bitmap. */
function popcount(bitmap: Uint8Array, rows: number): number {
  let n = 0;
  const full = rows >> 3;
  for (let i = 0; i < full; i++) n += BITS[bitmap[i]!]!;
  // The partial last byte without a branch of its own: a look-up that only some pages reach
  // made V8 throw away popcount's optimised code on each of them (~100 deopts a month of pages).
  const last = full < bitmap.length ? bitmap[full]! : 0;
  return n + BITS[last & ((1 << (rows & 7)) - 1)]!;
}
