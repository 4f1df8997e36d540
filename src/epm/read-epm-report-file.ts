import { crc32 } from "node:zlib";
import { Unzip, UnzipInflate, unzipSync } from "fflate";
import { PayloadError } from "../errors/payload-error.js";

/**
 * Default largest inflated size of a zipped report: 128 MiB.
 *
 * @example
 * ```ts
 * EPM_MAX_INFLATED_BYTES //=> 128 * 1024 * 1024
 * ```
 */
export const EPM_MAX_INFLATED_BYTES = 128 * 1024 * 1024;

/** Options of {@link readEpmReportFile}. */
export interface ReadEpmReportFileOptions {
  /**
   * Largest size the zip's CSV may inflate to, in bytes: the zip's directory is checked against
   * it before anything is inflated, and inflation stops at the declared size (so a zip whose
   * directory lies cannot grow past it). @default 134217728 ({@link EPM_MAX_INFLATED_BYTES})
   */
  maxInflatedBytes?: number;
  /** The name the CSV entry must have (compared case-insensitively, folders ignored). @default any name ending in .csv */
  entryName?: string;
}

/** A directory entry the zip's central directory lists (what fflate's filter is given). */
interface ZipEntry {
  name: string;
  size: number;
  originalSize: number;
  compression: number;
}

/** Compressed bytes handed to the inflater at a time: at most ~1032× this comes out of one push. */
const PUSH_BYTES = 16 * 1024;
/** Directory entries looked at before the zip is refused as not a report. */
const MAX_ENTRIES = 64;
const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }); // the BOM stays: the CSV parser drops it

/**
 * Turns a downloaded report into CSV text: unzips it when EPM sent a zip (by the
 * `fileExtension` header or the `PK` signature), then decodes strict UTF-8. A zip must hold
 * exactly one file, a `.csv` (directory entries aside): a second file, CSV or not, or a lone
 * non-CSV entry is refused rather than skipped. The sizes in the zip's directory are checked
 * against `maxInflatedBytes` before inflating; inflation then runs in small steps and stops as
 * soon as the output passes the size the directory declared, and the final size must equal it.
 * Pure: bytes in, text out.
 *
 * @param bytes - the file's bytes
 * @param extension - the `fileExtension` header, if any
 * @param report - report name for messages
 * @param options - size limit and the expected entry name
 * @returns the CSV text (BOM and id line still there; the CSV parser drops them)
 * @throws {@link PayloadError} for a broken zip, a zip without exactly one CSV, a declared or
 * actual inflated size past the limit or past what the directory says, or text that is not
 * UTF-8; the message carries the names and numbers
 * @example
 * ```ts
 * readEpmReportFile(zipSync({ "r.csv": strToU8("A\n1\n") }), "zip", "User Audit") //=> "A\n1\n"
 * ```
 */
export function readEpmReportFile(
  bytes: Uint8Array,
  extension: string | undefined,
  report: string,
  options: ReadEpmReportFileOptions = {},
): string {
  const zipped =
    extension === "zip" || (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4);
  return decode(zipped ? unzipReport(bytes, report, options) : bytes, report);
}

function unzipReport(bytes: Uint8Array, report: string, options: ReadEpmReportFileOptions): Uint8Array {
  const max = options.maxInflatedBytes ?? EPM_MAX_INFLATED_BYTES;
  const entry = theCsvEntry(listEntries(bytes, report), report, options.entryName);
  if (entry.originalSize > max) {
    throw new PayloadError(
      `${report} report arrived as a zip whose ${JSON.stringify(entry.name)} declares ${entry.originalSize} bytes inflated, more than the ${max} allowed (maxInflatedBytes); nothing was inflated. Raise maxInflatedBytes if the report is really that large.`,
    );
  }
  return inflateEntry(bytes, entry, report);
}

/** The central directory, read by fflate without inflating anything. */
function listEntries(bytes: Uint8Array, report: string): ZipEntry[] {
  const entries: ZipEntry[] = [];
  const tooMany = new Error("too many entries");
  try {
    unzipSync(bytes, {
      filter(file) {
        if (entries.length === MAX_ENTRIES) throw tooMany;
        entries.push({ ...file });
        return false; // list only
      },
    });
  } catch (error) {
    if (error === tooMany) {
      throw new PayloadError(
        `${report} report arrived as a zip with more than ${MAX_ENTRIES} entries; a report zip holds one CSV. Nothing was inflated.`,
      );
    }
    throw new PayloadError(
      `${report} report arrived as a zip that cannot be opened (${error instanceof Error ? error.message : String(error)}). Download it again.`,
      "",
      { cause: error },
    );
  }
  return entries;
}

function theCsvEntry(entries: ZipEntry[], report: string, entryName: string | undefined): ZipEntry {
  const files = entries.filter((e) => !(e.name.endsWith("/") && e.originalSize === 0));
  const names = files.map((e) => JSON.stringify(e.name)).join(", ");
  if (files.length !== 1) {
    throw new PayloadError(
      files.length === 0
        ? `${report} report arrived as a zip without a CSV file (entries: none). Check the report in the EPM console.`
        : `${report} report arrived as a zip holding ${files.length} files (${names}) where one CSV was expected; refused rather than picking one. Check the report in the EPM console.`,
    );
  }
  const entry = files[0]!;
  const base = entry.name.slice(Math.max(entry.name.lastIndexOf("/"), entry.name.lastIndexOf("\\")) + 1);
  if (!/\.csv$/i.test(base)) {
    throw new PayloadError(
      `${report} report arrived as a zip without a CSV file (entries: ${names}). Check the report in the EPM console.`,
    );
  }
  if (entryName !== undefined && base.toLowerCase() !== entryName.toLowerCase()) {
    throw new PayloadError(
      `${report} report arrived as a zip holding ${names}, not ${JSON.stringify(entryName)}. Check the report in the EPM console.`,
    );
  }
  if (entry.compression !== 0 && entry.compression !== 8) {
    throw new PayloadError(
      `${report} report arrived as a zip whose ${JSON.stringify(entry.name)} uses compression method ${entry.compression}; only stored (0) and deflate (8) are read.`,
    );
  }
  return entry;
}

/** Inflates the one entry in steps, never past the size its directory entry declares. */
function inflateEntry(bytes: Uint8Array, entry: ZipEntry, report: string): Uint8Array {
  const declared = entry.originalSize;
  const out = new Uint8Array(declared);
  let total = 0;
  let finished = false;
  let problem: string | undefined;
  const unzip = new Unzip((file) => {
    if (file.name.endsWith("/") || problem) return;
    if (file.name !== entry.name || finished) {
      problem = `its entries (${JSON.stringify(file.name)}) differ from its directory (${JSON.stringify(entry.name)})`;
      return;
    }
    file.ondata = (error, data, final) => {
      if (problem) return;
      if (error) {
        problem = `its CSV cannot be inflated (${error.message})`;
        return;
      }
      if (total + data.length > declared) {
        problem = `its ${JSON.stringify(entry.name)} inflates past the ${declared} bytes its directory declares (stopped at ${total + data.length} bytes)`;
        return;
      }
      out.set(data, total);
      total += data.length;
      if (final) finished = true;
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length && !problem && !finished; at += PUSH_BYTES) {
      unzip.push(bytes.subarray(at, at + PUSH_BYTES), at + PUSH_BYTES >= bytes.length);
    }
  } catch (error) {
    // fflate throws its own errors (FlateError: "unexpected EOF", "invalid zip data") for a
    // zip cut short or damaged.
    problem ??= `it is damaged or cut short (${error instanceof Error ? error.message : String(error)})`;
  }
  if (!problem && !finished) problem = "its CSV entry ends before its data does";
  if (!problem && total !== declared) {
    problem = `its ${JSON.stringify(entry.name)} inflates to ${total} bytes, not the ${declared} its directory declares`;
  }
  if (!problem) {
    const expected = directoryCrc(bytes, entry.name);
    const actual = crc32(out);
    if (expected === undefined)
      problem = `its directory entry for ${JSON.stringify(entry.name)} cannot be read`;
    else if (expected !== actual) {
      problem = `its ${JSON.stringify(entry.name)} fails its checksum (CRC-32 ${hex(actual)}, directory says ${hex(expected)})`;
    }
  }
  if (problem) {
    throw new PayloadError(
      `${report} report arrived as a zip that cannot be trusted: ${problem}. Nothing was parsed; download it again.`,
    );
  }
  return out;
}

/**
 * The CRC-32 the central directory records for `name` (fflate's listing does not give it):
 * end-of-directory record (zip64 locator followed when present), then the entries in order.
 */
function directoryCrc(bytes: Uint8Array, name: string): number | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (at: number) => (at >= 0 && at + 4 <= bytes.length ? view.getUint32(at, true) : -1);
  const u16 = (at: number) => (at >= 0 && at + 2 <= bytes.length ? view.getUint16(at, true) : -1);
  let end = bytes.length - 22;
  while (end >= 0 && bytes.length - end <= 65_557 && u32(end) !== 0x06054b50) end--;
  if (end < 0 || u32(end) !== 0x06054b50) return undefined;
  let count = u16(end + 10);
  let at = u32(end + 16);
  if (u32(end - 20) === 0x07064b50) {
    const zip64End = Number(view.getBigUint64(end - 12, true));
    if (u32(zip64End) === 0x06064b50) {
      count = Number(view.getBigUint64(zip64End + 32, true));
      at = Number(view.getBigUint64(zip64End + 48, true));
    }
  }
  for (let i = 0; i < Math.min(count, MAX_ENTRIES) && u32(at) === 0x02014b50; i++) {
    const nameLength = u16(at + 28);
    const entryName = Buffer.from(bytes.subarray(at + 46, at + 46 + nameLength)).toString(
      u16(at + 8) & 0x800 ? "utf8" : "latin1",
    );
    if (entryName === name) return u32(at + 16);
    at += 46 + nameLength + u16(at + 30) + u16(at + 32);
  }
  return undefined;
}

function hex(n: number): string {
  return n.toString(16).padStart(8, "0");
}

function decode(bytes: Uint8Array, report: string): string {
  try {
    return UTF8.decode(bytes);
  } catch (error) {
    // TextDecoder with fatal: true throws a TypeError for bytes that are not UTF-8.
    if (!(error instanceof TypeError)) throw error;
    throw new PayloadError(
      `${report} report is not UTF-8 text (${bytes.length} bytes); nothing was parsed. Check the file in the EPM console.`,
      "",
      { cause: error },
    );
  }
}
