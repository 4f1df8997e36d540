import type { IncomingMessage, ServerResponse } from "node:http";
import { zipSync } from "fflate";
import { sendBytes } from "../respond.js";
import { type EpmSimState, selfLink, sendEnvelope } from "./epm-sim-state.js";

const V1 = "/interop/rest/11.1.2.3.600/applicationsnapshots";

/** GET of the file listing (v1 applicationsnapshots or v2 files/list). */
export function listFiles(state: EpmSimState, req: IncomingMessage, res: ServerResponse, path: string): void {
  const items = [...state.files.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, file]) => ({
      name,
      type: "EXTERNAL",
      size: String(file.bytes.length),
      lastmodifiedtime: String(file.lastModified),
    }));
  sendEnvelope(state, res, 0, null, [selfLink(state, req, path)], { items });
}

/**
 * Routes `/applicationsnapshots/{name}/contents` (GET) and `/applicationsnapshots/{name}`
 * (DELETE). The name must arrive as ONE percent-encoded segment, as on the real service: a
 * name sent with a raw `/` does not match and gets a 404.
 *
 * @returns false when the path is not a file route
 */
export function fileRoute(
  state: EpmSimState,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
): boolean {
  if (!path.startsWith(`${V1}/`)) return false;
  const parts = path.slice(V1.length + 1).split("/");
  const name = safeDecode(parts[0]!);
  if (name === undefined) return false;
  if (req.method === "GET" && parts.length === 2 && parts[1] === "contents") {
    download(state, req, res, path, name);
    return true;
  }
  if (req.method === "DELETE" && parts.length === 1) {
    state.stats.deletes++;
    if (!state.files.delete(name)) {
      sendEnvelope(state, res, 8, `File ${name} does not exist.`, [selfLink(state, req, path)]);
    } else {
      sendEnvelope(state, res, 0, null, [selfLink(state, req, path)]);
    }
    return true;
  }
  return false;
}

function download(
  state: EpmSimState,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  name: string,
): void {
  state.stats.downloads++;
  const file = state.files.get(name);
  const fault = state.faults.downloadError;
  if (!file || fault) {
    const status = typeof fault === "object" ? (fault.status ?? 8) : 8;
    const details = typeof fault === "object" && fault.details ? fault.details : "Not a valid file.";
    sendEnvelope(state, res, status, details, [selfLink(state, req, path)]);
    return;
  }
  if (state.faults.zip) {
    const base = name.slice(name.lastIndexOf("/") + 1);
    sendBytes(res, 200, zipSync({ [base]: file.bytes }), "application/octet-stream", {
      fileExtension: "zip",
    });
    return;
  }
  sendBytes(res, 200, file.bytes, "application/octet-stream", { fileExtension: "csv" });
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
