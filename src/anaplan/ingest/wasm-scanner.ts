import { readFileSync } from "node:fs";
import { SCANNER_KIND_CODES, storageOf } from "../event-layout.js";
import type { IpcColumn } from "./arrow-ipc.js";
import { EVENT_COLUMNS } from "./event-columns.js";
import type { PageFrame } from "./scan-events.js";

/** The exports of `assembly/scan-events.ts` (built to `scan-events.wasm` next to the JavaScript). */
interface ScannerExports {
  memory: { buffer: ArrayBuffer };
  defineColumn(k: number, length: number, kind: number): void;
  namePointer(): number;
  prepare(length: number, maxRows: number): number;
  scan(length: number): number;
  validPointer(k: number): number;
  valuesPointer(k: number): number;
  viewsPointer(k: number): number;
  dataPointer(k: number): number;
  dataLength(k: number): number;
}

/** The WebAssembly API (the kit's TypeScript libs do not declare it; absent under `--jitless`). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  CompileError: new () => Error;
  LinkError: new () => Error;
  RuntimeError: new () => Error;
}

const WASM = (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;

/** The module called its `abort` import (a failed assertion inside it). */
class ScannerAbort extends Error {}

/** A WebAssembly error: the module does not compile or link here, or trapped while scanning. */
function isWasmError(error: unknown): boolean {
  return (
    error instanceof ScannerAbort ||
    (WASM !== undefined &&
      (error instanceof WASM.CompileError ||
        error instanceof WASM.LinkError ||
        error instanceof WASM.RuntimeError))
  );
}

/**
 * Where the built module is: beside this file in `dist/`; from the TypeScript sources (tests),
 * in `dist/` too (`npm run build` makes it with AssemblyScript).
 */
function wasmUrl(): URL {
  return import.meta.url.endsWith(".ts")
    ? new URL("../../../dist/anaplan/ingest/scan-events.wasm", import.meta.url)
    : new URL("./scan-events.wasm", import.meta.url);
}

/**
 * The first tier of the events-page scanner: `assembly/scan-events.ts` compiled to WebAssembly
 * (with SIMD). It reads the documented shapes of Anaplan events about twice as fast as the
 * JavaScript scanner and declines everything else, which that scanner then reads. One instance per thread,
 * used synchronously; its memory holds one page's columns at a time.
 *
 * @example
 * ```ts
 * const wasm = WasmScanner.load();
 * const page = pageFrame(body);
 * const rows = page && wasm?.scan(page); // undefined: let the JavaScript scanner read it
 * ```
 */
export class WasmScanner {
  readonly #x: ScannerExports;

  private constructor(x: ScannerExports) {
    this.#x = x;
    const encoder = new TextEncoder();
    EVENT_COLUMNS.forEach((c, k) => {
      const name = encoder.encode(c.field);
      new Uint8Array(x.memory.buffer, x.namePointer(), name.length).set(name);
      x.defineColumn(k, name.length, SCANNER_KIND_CODES[c.kind]);
    });
  }

  /**
   * Compiles and instantiates the module.
   *
   * @returns the scanner, or undefined when the module is missing (not built) or cannot run here
   * (no WebAssembly, e.g. `--jitless`): the JavaScript scanner then reads every page
   */
  static load(): WasmScanner | undefined {
    if (!WASM) return undefined;
    let bytes: Buffer;
    try {
      bytes = readFileSync(wasmUrl());
    } catch (error) {
      if ((error as { code?: unknown }).code === "ENOENT") return undefined; // not built
      throw error;
    }
    try {
      const module = new WASM.Module(bytes);
      const instance = new WASM.Instance(module, {
        env: {
          abort: () => {
            throw new ScannerAbort("scan-events.wasm aborted");
          },
        },
      });
      return new WasmScanner(instance.exports as unknown as ScannerExports);
    } catch (error) {
      if (isWasmError(error)) return undefined;
      throw error;
    }
  }

  /**
   * Scans a page's events into the module's memory.
   *
   * @param page - the page, checked by `pageFrame`
   * @returns the row count, or undefined when this tier declines the page (or anything fails)
   */
  scan(page: PageFrame): number | undefined {
    const { announced } = page;
    // Pages without a row count are rare; the JavaScript scanner grows its columns for them.
    if (announced === undefined || !Number.isSafeInteger(announced) || announced < 0) return undefined;
    const length = page.end - page.start + 1;
    try {
      // Room for one row more than announced (a longer page is declined when it gets there),
      // never more than the bytes could hold: a bogus count must not size the memory.
      const at = this.#x.prepare(length, Math.min(announced, page.maxRows) + 1);
      if (at === 0) return undefined;
      new Uint8Array(this.#x.memory.buffer, at, length).set(page.buf.subarray(page.start, page.end + 1));
      const rows = this.#x.scan(length);
      return rows >= 0 && rows === announced ? rows : undefined;
    } catch (error) {
      // A trap (or a view past the memory): a bug of this tier; the next tier reads the page.
      if (isWasmError(error) || error instanceof RangeError) return undefined;
      throw error;
    }
  }

  /**
   * The columns of the last scanned page, as views of the module's memory (valid until the
   * next `scan`), in `EVENT_COLUMNS` order, for the Arrow IPC writer: text as Utf8View, each
   * repeated long value stored once.
   *
   * @param rows - rows scanned
   */
  columns(rows: number): IpcColumn[] {
    const x = this.#x;
    const memory = x.memory.buffer;
    const bitmap = (rows + 7) >> 3;
    return EVENT_COLUMNS.map((c, k): IpcColumn => {
      const validity = new Uint8Array(memory, x.validPointer(k), bitmap);
      const storage = storageOf(c.kind);
      if (storage === "int64")
        return { validity, data: new Uint8Array(memory, x.valuesPointer(k), rows * 8) };
      if (storage === "flag") return { validity, data: new Uint8Array(memory, x.valuesPointer(k), bitmap) };
      return {
        validity,
        views: new Uint8Array(memory, x.viewsPointer(k), rows * 16),
        data: new Uint8Array(memory, x.dataPointer(k), x.dataLength(k)),
      };
    });
  }
}
