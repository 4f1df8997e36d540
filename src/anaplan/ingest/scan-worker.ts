/**
 * The worker thread of {@link PageScanner}: scans events pages into Arrow IPC while the main
 * thread downloads the next ones. Loads neither Polars nor anything that does.
 */
import { parentPort } from "node:worker_threads";
import { IpcScanner } from "./ipc-scanner.js";
import { SpareBuffers } from "./spare-buffers.js";

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

const scanner = new IpcScanner();
/** IPC buffers back from the main thread, to write the next pages' streams into. */
const spare = new SpareBuffers(8);

parentPort?.on("message", (req: ScanRequest | RecycleRequest | ReleaseRequest) => {
  if ("recycle" in req) {
    spare.give(req.recycle);
    return;
  }
  if ("release" in req) {
    spare.clear();
    scanner.release();
    return;
  }
  let reply: ScanReply;
  try {
    const scanned = scanner.read(req.body, (bytes) => spare.take(bytes));
    reply = scanned
      ? {
          id: req.id,
          ipc: scanned.ipc,
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
