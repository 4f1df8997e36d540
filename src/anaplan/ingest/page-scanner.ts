import { Worker } from "node:worker_threads";
import { PayloadError } from "../../errors/payload-error.js";
import { Semaphore } from "../../http/semaphore.js";
import { type EventsPage, parseEventsPagePlain } from "../parse/parse-events-page-plain.js";
import type { DownloadPage, EventsIngest, EventsIngestRun } from "./events-ingest.js";
import { type RawEventsPage, readScannedPage } from "./raw-events.js";
import { readEventsRaw } from "./read-events-fast.js";
import type { RecycleRequest, ReleaseRequest, ScanReply, ScanRequest } from "./scan-worker.js";
import { SpareBuffers } from "./spare-buffers.js";

/** How long the spare buffers outlive the last fetch (a fetch starting sooner reuses them). */
export const RELEASE_AFTER_MS = 2000;

/**
 * Runs `release` later and returns a function that cancels it: how {@link PageScanner} times the
 * release of its spare buffers.
 *
 * @example
 * ```ts
 * const manual: ScheduleRelease = (release) => { pending = release; return () => { pending = undefined; }; };
 * ```
 */
export type ScheduleRelease = (release: () => void) => () => void;

/** The default {@link ScheduleRelease}: an unref'd timer of {@link RELEASE_AFTER_MS}. */
function releaseLater(release: () => void): () => void {
  const timer = setTimeout(release, RELEASE_AFTER_MS);
  timer.unref();
  return () => clearTimeout(timer);
}

/** What {@link PageScanner.scan} gives back: the raw page, or the bytes for the plain parser. */
export type ScanOutcome = { page: RawEventsPage; body?: undefined } | { page?: undefined; body: Buffer };

interface Pending {
  resolve(outcome: ScanOutcome): void;
  reject(error: Error): void;
}

/**
 * Scans Anaplan audit events pages on a worker thread, so that the main thread keeps
 * downloading while a page is read: the worker turns the bytes into an Arrow IPC stream
 * (`IpcScanner`: WebAssembly for the documented shapes, else JavaScript), the main thread hands
 * it to Polars (`pl.readIPCStream`, about 2 ms a page). Bytes move to the worker and back without copies. Where no worker can run, or after
 * one failed, pages are scanned on the calling thread instead; the result is the same.
 *
 * The worker starts on the first page (or {@link PageScanner.start}) and does not keep the
 * process alive while idle. `maxPages` bounds the pages a run holds at once (downloading,
 * waiting for the worker or being scanned), so that memory stays bounded when downloads outpace
 * the worker.
 *
 * @example
 * ```ts
 * const scanner = new PageScanner();
 * const scanned = await scanner.scan(bytes);
 * const frame = scanned.page ? scanned.page.raw : parseEventsPagePlain(scanned.body).frame;
 * await scanner.close();
 * ```
 */
export class PageScanner implements EventsIngest {
  readonly #useWorker: boolean;
  #worker: Worker | undefined;
  #broken = false;
  #nextId = 0;
  readonly #pending = new Map<number, Pending>();
  readonly #held: Semaphore;
  /** Page buffers back from the worker, to download into again (no fresh memory to fault in). */
  readonly #spare = new SpareBuffers(8);
  /** Fetches started and not ended; buffers are dropped only once none is left. */
  #runs = 0;
  /** Cancels the release pending after the last fetch ended (see {@link RELEASE_AFTER_MS}). */
  #cancelRelease: (() => void) | undefined;
  readonly #scheduleRelease: ScheduleRelease;

  /**
   * @param options - `worker: false` scans on the calling thread; `maxPages`: pages a run holds
   * at once; `scheduleRelease`: runs the release of the spare buffers later, and returns how to
   * cancel it (tests pass their own clock).
   * @default { worker: true, maxPages: 6, scheduleRelease: an unref'd timer of RELEASE_AFTER_MS }
   */
  constructor(
    options: {
      worker?: boolean | undefined;
      maxPages?: number | undefined;
      scheduleRelease?: ScheduleRelease | undefined;
    } = {},
  ) {
    this.#useWorker = options.worker ?? true;
    this.#held = new Semaphore(options.maxPages ?? 6);
    this.#scheduleRelease = options.scheduleRelease ?? releaseLater;
  }

  /**
   * Starts one fetch ({@link EventsIngest}): starts the worker now (it takes a few tens of ms),
   * so that the first page does not wait for it.
   *
   * @returns the run that reads the fetch's pages
   */
  start(): EventsIngestRun {
    this.#ready();
    this.#runs++;
    this.#cancelRelease?.();
    this.#cancelRelease = undefined;
    let ended = false;
    return {
      read: (download) => this.#read(download),
      end: () => {
        if (ended) return;
        ended = true;
        if (--this.#runs === 0) this.#releaseSoon();
      },
    };
  }

  /**
   * Drops the spare buffers {@link RELEASE_AFTER_MS} after the last fetch ended, unless another
   * starts before: a caller that fetches in many calls one after another (the archive sync asks
   * for 6-hour slices, 120 calls for 30 days) reuses the same memory instead of faulting in
   * fresh buffers for every call, and an idle client still holds no more than its worker
   * shortly after.
   */
  #releaseSoon(): void {
    this.#cancelRelease = this.#scheduleRelease(() => {
      this.#cancelRelease = undefined;
      if (this.#runs === 0) this.release();
    });
  }

  /** Downloads (into a spare buffer), scans, and reads with the plain parser what was declined. */
  #read(download: DownloadPage): Promise<EventsPage | undefined> {
    return this.#held.run(async () => {
      const body = await download({ bodyInto: (length) => this.bodyBuffer(length) });
      if (body === undefined) return undefined;
      const scanned = await this.scan(body);
      return scanned.page
        ? { frame: scanned.page.raw, paging: scanned.page.paging }
        : parseEventsPagePlain(scanned.body);
    });
  }

  /**
   * A buffer to download a page of `length` bytes into (for `TransportRequest.bodyInto`):
   * one the worker handed back when there is one big enough, else new.
   *
   * @param length - the page's Content-Length
   * @returns a buffer of at least `length` bytes, or undefined without a worker (fresh memory is
   * as good then)
   */
  bodyBuffer(length: number): Uint8Array | undefined {
    return !this.#useWorker || this.#broken ? undefined : this.#spare.take(length);
  }

  /**
   * Scans one events page.
   *
   * @param body - the response bytes; they may be moved to the worker (detached here): read
   * the returned `body` instead
   * @returns the raw page, or the bytes to read with the plain parser
   * @throws {@link PayloadError} when the worker stopped while it held the page (fetch it again)
   */
  scan(body: Buffer): Promise<ScanOutcome> {
    const worker = this.#ready();
    if (!worker) {
      const page = readEventsRaw(body);
      return Promise.resolve(page ? { page } : { body });
    }
    // Only a buffer that owns its whole ArrayBuffer can be moved; anything else (a view, Node's
    // pooled small buffers) is copied once into a buffer of its own.
    const whole = body.byteOffset === 0 && body.byteLength === body.buffer.byteLength;
    const owned =
      body.buffer instanceof ArrayBuffer && (whole || this.#spare.owns(body.buffer))
        ? body
        : new Uint8Array(body);
    const id = this.#nextId++;
    return new Promise<ScanOutcome>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.ref();
      const request: ScanRequest = { id, body: owned };
      worker.postMessage(request, [owned.buffer as ArrayBuffer]);
    });
  }

  /**
   * Drops the page and IPC buffers kept for reuse, here and in the worker (up to ~100 MB after a
   * large fetch), so that an idle client holds no more than its worker. The end of the last
   * fetch running calls it {@link RELEASE_AFTER_MS} later.
   */
  release(): void {
    this.#spare.clear();
    const release: ReleaseRequest = { release: true };
    this.#worker?.postMessage(release);
  }

  /** Bytes of page buffers kept for reuse on this thread (diagnostics). */
  get spareBytes(): number {
    return this.#spare.bytes;
  }

  /** Stops the worker (pending scans fail with a PayloadError). */
  async close(): Promise<void> {
    this.#cancelRelease?.();
    this.#cancelRelease = undefined;
    const worker = this.#worker;
    this.#worker = undefined;
    if (worker) await worker.terminate();
  }

  #ready(): Worker | undefined {
    if (!this.#useWorker || this.#broken) return undefined;
    if (this.#worker) return this.#worker;
    try {
      // Built JavaScript next to built JavaScript; TypeScript sources when run through a loader (tests).
      const fromSource = import.meta.url.endsWith(".ts");
      const file = fromSource ? "./scan-worker.ts" : "./scan-worker.js";
      // The built worker needs no loader: without `execArgv: []` it would inherit the process's
      // (`--import tsx` under tsx, ~150 ms of start-up before the first page is scanned).
      const worker = new Worker(new URL(file, import.meta.url), fromSource ? {} : { execArgv: [] });
      worker.unref();
      worker.on("message", (reply: ScanReply) => this.#answer(reply));
      worker.on("error", (error) => this.#fail(error));
      worker.on("exit", (code) => this.#fail(new Error(`it exited with code ${code}`)));
      this.#worker = worker;
      return worker;
    } catch (error) {
      // No worker here (ERR_WORKER_*: e.g. an unsupported option or path): scan on this thread.
      if (!String((error as { code?: unknown }).code).startsWith("ERR_WORKER")) throw error;
      this.#broken = true;
      return undefined;
    }
  }

  #answer(reply: ScanReply): void {
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) this.#worker?.unref();
    if (reply.body) {
      pending.resolve({ body: Buffer.from(reply.body.buffer, reply.body.byteOffset, reply.body.byteLength) });
      return;
    }
    const ipc = reply.ipc!;
    const page = readScannedPage(ipc, reply.rows ?? -1, reply.envelope ?? {});
    if (reply.spare) this.#spare.give(reply.spare);
    // Polars copied what it read: the buffer goes back to the worker for a later page.
    const recycle: RecycleRequest = { recycle: ipc.buffer as ArrayBuffer };
    this.#worker?.postMessage(recycle, [recycle.recycle]);
    // Polars refused what the worker wrote (a bug, not bad input): the page cannot be read again
    // from its bytes, which stayed in the worker, so it is fetched again.
    if (page) pending.resolve({ page });
    else
      pending.reject(new PayloadError("Polars could not read a scanned events page; fetching it again.", ""));
  }

  #fail(error: Error): void {
    if (this.#worker === undefined && this.#pending.size === 0) return; // closed on purpose
    this.#broken = true;
    this.#worker = undefined;
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const p of pending) {
      p.reject(
        new PayloadError(
          `The page-scanning worker thread stopped (${error.message}) while it held a page; the page is fetched again and read on the main thread.`,
          "",
        ),
      );
    }
  }
}
