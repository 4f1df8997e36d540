import { PayloadError } from "../errors/payload-error.js";
import { excerpt } from "../http/redact.js";
import { checkEpmFileName, showName } from "./check-epm-file-name.js";
import { EPM_SERVICE, type EpmCallOptions, type EpmContext } from "./epm-context.js";
import { readEpmEnvelope } from "./epm-envelope.js";
import { EpmJobError } from "./epm-job-error.js";

/**
 * A file in the EPM repository (inbox/outbox paths included in `name`).
 *
 * @example
 * ```ts
 * const file: EpmFile = { name: "userLogins.csv", type: "csv", size: 2048, lastModified: new Date("2026-03-02") };
 * ```
 */
export interface EpmFile {
  name: string;
  /** "EXTERNAL" for uploaded or generated files, "LCM" for snapshots. */
  type: string;
  /** Bytes; null when EPM gives none (LCM snapshots). */
  size: number | null;
  lastModified: Date | null;
}

/**
 * A downloaded file.
 *
 * @example
 * ```ts
 * const download: EpmDownload = { name: "userLogins.csv", bytes, extension: "csv", contentType: "text/csv" };
 * ```
 */
export interface EpmDownload {
  name: string;
  bytes: Uint8Array;
  /** The `fileExtension` header (e.g. "csv", "zip"), lowercased; undefined when absent. */
  extension: string | undefined;
  contentType: string;
}

const FILES = "/interop/rest/11.1.2.3.600/applicationsnapshots";

/**
 * The EPM file repository (interop 11.1.2.3.600): list, download, delete. A name is always sent
 * as ONE encoded path segment (`inbox/x.csv` → `inbox%2Fx.csv`), as the Download API wants.
 *
 * @example
 * ```ts
 * const files = await epm.files.list();
 * const file = await epm.files.download("inbox/UserLogin.csv");
 * await epm.files.delete("inbox/UserLogin.csv");
 * ```
 */
export class EpmFiles {
  readonly #ctx: EpmContext;

  constructor(context: EpmContext) {
    this.#ctx = context;
  }

  /**
   * Lists the repository.
   *
   * @throws {@link EpmJobError} when EPM answers status > 0, HttpError for HTTP failures
   */
  async list(options: EpmCallOptions = {}): Promise<EpmFile[]> {
    const res = await this.#get(FILES, options);
    const envelope = readEpmEnvelope(res.body, "file listing", this.#ctx.transport.redactor, this.#ctx.json);
    if (envelope.status !== 0) throw this.#failed("file listing", envelope.status, envelope.details, res.url);
    const items = Array.isArray(envelope.items) ? (envelope.items as Array<Record<string, unknown>>) : [];
    return items
      .filter((item) => typeof item?.name === "string")
      .map((item) => ({
        name: item.name as string,
        type: typeof item.type === "string" ? item.type : "",
        size: toNumber(item.size),
        lastModified: toDate(item.lastmodifiedtime),
      }));
  }

  /**
   * Finds a file by name at the top level or in a folder such as `inbox/` (EPM puts some
   * reports there), also when EPM added `.csv` to the name.
   *
   * @returns the repository name, or undefined when it is not listed
   * @throws ValidationError for a name {@link checkEpmFileName} refuses (before any request)
   */
  async find(fileName: string, options: EpmCallOptions = {}): Promise<string | undefined> {
    checkEpmFileName(fileName);
    const wanted = [fileName, `${fileName}.csv`].map((n) => n.toLowerCase());
    const names = (await this.list(options)).map((f) => f.name);
    const base = (n: string) => n.slice(Math.max(n.lastIndexOf("/"), n.lastIndexOf("\\")) + 1).toLowerCase();
    return names.find((n) => wanted.includes(n.toLowerCase())) ?? names.find((n) => wanted.includes(base(n)));
  }

  /**
   * Downloads a file. EPM reports a failed download as HTTP 200 with a JSON body, so the
   * Content-Type decides: JSON is an error, anything else is the file.
   *
   * @throws {@link EpmJobError} for a JSON error body (e.g. status 8 "Not a valid file."),
   * ValidationError for a name {@link checkEpmFileName} refuses (before any request)
   */
  async download(name: string, options: EpmCallOptions = {}): Promise<EpmDownload> {
    checkEpmFileName(name);
    const res = await this.#get(`${FILES}/${encodeURIComponent(name)}/contents`, options);
    const contentType = String(res.headers["content-type"] ?? "application/octet-stream");
    const operation = `download of ${showName(name)}`;
    if (/^application\/json\b/i.test(contentType)) {
      const envelope = readEpmEnvelope(res.body, operation, this.#ctx.transport.redactor, this.#ctx.json);
      throw envelope.status > 0
        ? this.#failed(operation, envelope.status, envelope.details, res.url)
        : new PayloadError(
            `Oracle EPM ${operation} answered JSON with status ${envelope.status} instead of the file. Try again; if it persists, check the file in the EPM console.`,
            this.#ctx.transport.redactor.scrub(excerpt(res.body)),
          );
    }
    const ext = res.headers.fileextension;
    const extension = (Array.isArray(ext) ? ext[0] : ext)?.replace(/^\./, "").toLowerCase();
    return { name, bytes: res.body, extension, contentType };
  }

  /**
   * Deletes a file.
   *
   * @throws {@link EpmJobError} when EPM answers status > 0 (e.g. the file is not there),
   * ValidationError for a name {@link checkEpmFileName} refuses (before any request: `..`
   * would otherwise address the API root)
   */
  async delete(name: string, options: EpmCallOptions = {}): Promise<void> {
    checkEpmFileName(name);
    const res = await this.#ctx.transport.request({
      method: "DELETE",
      url: `${this.#ctx.baseUrl}${FILES}/${encodeURIComponent(name)}`,
      service: EPM_SERVICE,
      headers: { accept: "application/json" },
      auth: this.#ctx.auth,
      retry: true, // deleting twice is harmless
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const operation = `delete of ${showName(name)}`;
    const envelope = readEpmEnvelope(res.body, operation, this.#ctx.transport.redactor, this.#ctx.json);
    if (envelope.status !== 0) throw this.#failed(operation, envelope.status, envelope.details, res.url);
  }

  #get(path: string, options: EpmCallOptions) {
    return this.#ctx.transport.request({
      method: "GET",
      url: this.#ctx.baseUrl + path,
      service: EPM_SERVICE,
      auth: this.#ctx.auth,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  }

  #failed(operation: string, status: number, details: string | undefined, url: string): EpmJobError {
    return new EpmJobError({
      operation,
      status,
      details,
      url,
      hint: "Check the name with epm.files.list() (folders are part of the name, e.g. inbox/x.csv); downloads fail during the daily maintenance window",
    });
  }
}

function toNumber(value: unknown): number | null {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) ? n : null;
}

function toDate(value: unknown): Date | null {
  const ms = toNumber(value);
  return ms === null ? null : new Date(ms);
}
