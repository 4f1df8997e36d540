import { EventColumns, writeEventsIpc } from "./event-columns.js";
import { pageFrame, scanFrame } from "./scan-events.js";
import { WasmScanner } from "./wasm-scanner.js";

/** An events page as Arrow IPC (see {@link IpcScanner.read}). */
export interface ScannedIpc {
  /** The stream: schema and one record batch (the raw layout: `id` and the dates Int64). */
  ipc: Uint8Array;
  /** Events read. */
  rows: number;
  /** The page without its events: `{ meta, …, response: [] }`. */
  envelope: Record<string, unknown>;
  /** Which scanner read it: WebAssembly for the documented shapes, else JavaScript. */
  tier: "wasm" | "js";
}

/**
 * Reads events pages into Arrow IPC with the fastest scanner that is sure of the result: the
 * WebAssembly scanner (`WasmScanner`) for the shapes the API documents, the JavaScript scanner
 * (`scanFrame`) for the rest, and nothing (undefined) when the plain parser must read the page.
 * One instance per thread, used synchronously.
 *
 * @example
 * ```ts
 * const scanner = new IpcScanner();
 * const read = scanner.read(body);
 * const frame = read ? pl.readIPCStream(Buffer.from(read.ipc)) : undefined;
 * ```
 */
export class IpcScanner {
  readonly #columns = new EventColumns();
  /** null: not loaded yet; undefined: WebAssembly cannot run here. */
  #wasm: WasmScanner | undefined | null = null;

  /**
   * @param body - the page's bytes (not modified)
   * @param alloc - gives the buffer to write the stream into (else one reused by the next call)
   * @returns the page as IPC, or undefined (use the plain parser)
   */
  read(body: Uint8Array, alloc?: (bytes: number) => Uint8Array): ScannedIpc | undefined {
    const page = pageFrame(body);
    if (!page) return undefined;
    if (this.#wasm === null) this.#wasm = WasmScanner.load();
    const rows = this.#wasm?.scan(page);
    if (this.#wasm && rows !== undefined) {
      const ipc = writeEventsIpc(rows, this.#wasm.columns(rows), alloc);
      return { ipc, rows, envelope: page.envelope, tier: "wasm" };
    }
    const scanned = scanFrame(page, this.#columns);
    if (!scanned) return undefined;
    return { ipc: this.#columns.toIpc(alloc), rows: scanned.rows, envelope: scanned.envelope, tier: "js" };
  }

  /** Drops the column buffers and the WebAssembly memory until the next page needs them. */
  release(): void {
    this.#columns.release();
    this.#wasm = null;
  }
}
