import type { IncomingMessage, ServerResponse } from "node:http";
import { sendBytes } from "../respond.js";
import { type EpmSimState, selfLink, sendEnvelope, sendHtmlPage } from "./epm-sim-state.js";
import { epmSimZip } from "./epm-sim-zip.js";

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
  sendEnvelope(state, res, 0, null, [selfLink(state, req, path)], { items }, 200, "list");
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
  const faults = state.faults;
  if (faults.html200?.includes("download")) {
    sendHtmlPage(res);
    return;
  }
  const zipped = faults.zip || faults.zipContent !== undefined;
  const base = name.slice(name.lastIndexOf("/") + 1);
  let bytes: Uint8Array = zipped
    ? epmSimZip(faults.zipContent ?? "csv", base, file.bytes, faults.zipBombBytes)
    : file.bytes;
  if (faults.truncated?.includes("download")) bytes = bytes.subarray(0, Math.floor(bytes.length / 2));
  sendBytes(res, 200, bytes, "application/octet-stream", { fileExtension: zipped ? "zip" : "csv" });
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch (error) {
    // decodeURIComponent throws a URIError for a malformed escape such as "%E0%A4%A".
    if (!(error instanceof URIError)) throw error;
    return undefined;
  }
}
