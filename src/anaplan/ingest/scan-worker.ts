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

/** An IPC buffer the main thread has read, handed back for the next pages. */
export interface RecycleRequest {
  recycle: ArrayBuffer;
}

/** The fetch is over: drop the buffers kept for reuse. */
export interface ReleaseRequest {
  release: true;
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
  /** The scanned page's buffer, handed back to be downloaded into again. */
  spare?: ArrayBuffer | undefined;
}

const columns = new EventColumns();
/** Buffers back from the main thread: writing into one costs no fresh memory (page faults). */
const spare: ArrayBuffer[] = [];
const MAX_SPARE = 8;

/** A buffer of at least `bytes` to write a page's IPC stream into, and then to transfer. */
function ipcBuffer(bytes: number): Uint8Array {
  for (let k = spare.length - 1; k >= 0; k--) {
    if (spare[k]!.byteLength >= bytes) return new Uint8Array(spare.splice(k, 1)[0]!);
  }
  return new Uint8Array(Math.ceil(bytes * 1.25));
}

parentPort?.on("message", (req: ScanRequest | RecycleRequest | ReleaseRequest) => {
  if ("recycle" in req) {
    if (spare.length < MAX_SPARE) spare.push(req.recycle);
    return;
  }
  if ("release" in req) {
    spare.length = 0;
    columns.release();
    return;
  }
  let reply: ScanReply;
  try {
    const scanned = scanEventsPage(req.body, columns);
    reply = scanned
      ? {
          id: req.id,
          ipc: columns.toIpc(ipcBuffer),
          rows: scanned.rows,
          envelope: scanned.envelope,
          spare: req.body.buffer as ArrayBuffer,
        }
      : { id: req.id, body: req.body };
  } catch (error) {
    reply = { id: req.id, body: req.body, error: error instanceof Error ? error.message : String(error) };
  }
  // Buffers move, never copy: the bytes back when the main thread must read them, else the IPC
  // stream and the emptied page buffer.
  const transfer = (reply.body ? [reply.body.buffer] : [reply.ipc?.buffer, reply.spare]) as ArrayBuffer[];
  parentPort?.postMessage(reply, transfer);
});
