/**
 * The worker thread of {@link PageScanner}: scans events pages into Arrow IPC while the main
 * thread downloads the next ones. Loads neither Polars nor anything that does.
 */
import { parentPort } from "node:worker_threads";
import { EventColumns } from "./event-columns.js";
import { scanEventsPage } from "./scan-events.js";

/** A page to scan; its bytes are transferred, not copied. */
export interface ScanRequest {
  id: number;
  body: Uint8Array;
}

/** The answer: the IPC stream when the page was scanned, else the bytes back (for the plain parser). */
export interface ScanReply {
  id: number;
  body?: Uint8Array | undefined;
  ipc?: Uint8Array | undefined;
  rows?: number | undefined;
  envelope?: Record<string, unknown> | undefined;
  /** Set when the scanner itself threw (a bug): the caller uses the plain parser. */
  error?: string | undefined;
}

const columns = new EventColumns();

parentPort?.on("message", (req: ScanRequest) => {
  let reply: ScanReply;
  try {
    const scanned = scanEventsPage(req.body, columns);
    reply = scanned
      ? { id: req.id, ipc: columns.toIpc().slice(), rows: scanned.rows, envelope: scanned.envelope }
      : { id: req.id, body: req.body };
  } catch (error) {
    reply = { id: req.id, body: req.body, error: error instanceof Error ? error.message : String(error) };
  }
  // Bytes move back only when the main thread needs them; scanned pages are dropped here.
  const transfer = [reply.body?.buffer ?? reply.ipc?.buffer] as ArrayBuffer[];
  parentPort?.postMessage(reply, transfer);
});
