import type { EventsPage } from "../parse/parse-events-page-plain.js";

/**
 * What the ingest asks of a page's HTTP request: fields to spread into the request
 * (`TransportRequest.bodyInto`: a buffer to download the body into). Opaque to the caller.
 */
export interface DownloadOptions {
  bodyInto?: (length: number) => Uint8Array | undefined;
}

/**
 * Downloads one page, with `options` spread into the request.
 *
 * @returns the body, or undefined when the server answered without content (204)
 */
export type DownloadPage = (options: DownloadOptions) => Promise<Buffer | undefined>;

/**
 * The fast ingest path of Anaplan audit events pages, for one fetch: pages in, frames out.
 * Behind it: a worker thread, the WebAssembly and JavaScript scanners, Arrow IPC, buffers kept
 * for reuse, a bound on the pages held at once, and the plain parser for the pages the
 * scanners decline. The caller sees none of it.
 *
 * @example
 * ```ts
 * const run = ingest.start();
 * try {
 *   const page = await run.read((options) => download(url, options));
 * } finally {
 *   run.end();
 * }
 * ```
 */
export interface EventsIngestRun {
  /**
   * Downloads and reads one page. Its frame is either finished (`ANAPLAN_EVENT_SCHEMA`) or raw
   * (`id` and dates still Int64); `mergeEventPages` takes both.
   *
   * @param download - fetches the page's bytes
   * @returns the page, or undefined when `download` returned undefined (no content)
   * @throws {@link PayloadError} when the body cannot be read, or the page was lost in a
   * stopped worker: fetching the page again may succeed. Errors of `download` pass unchanged.
   */
  read(download: DownloadPage): Promise<EventsPage | undefined>;
  /**
   * Ends the fetch: the buffers kept for reuse between its pages are dropped shortly after the
   * last fetch running ended, unless another starts before (calls in a row reuse them).
   */
  end(): void;
}

/**
 * Starts fetches through the fast ingest path (implemented by `PageScanner`).
 *
 * @example
 * ```ts
 * const ingest: EventsIngest = new PageScanner();
 * const run = ingest.start();
 * ```
 */
export interface EventsIngest {
  /** Starts one fetch (the worker, if any, starts now so that the first page does not wait). */
  start(): EventsIngestRun;
}
