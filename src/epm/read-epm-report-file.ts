import { unzipSync } from "fflate";
import { PayloadError } from "../errors/payload-error.js";

/**
 * Turns a downloaded report into CSV text: unzips it when EPM sent a zip (by the
 * `fileExtension` header or the `PK` signature) and takes its CSV entry, then decodes UTF-8.
 * Pure: bytes in, text out.
 *
 * @param bytes - the file's bytes
 * @param extension - the `fileExtension` header, if any
 * @param report - report name for messages
 * @returns the CSV text (BOM and id line still there; the CSV parser drops them)
 * @throws {@link PayloadError} for a broken zip or a zip without a CSV entry
 * @example
 * ```ts
 * readEpmReportFile(zipSync({ "r.csv": strToU8("A\n1\n") }), "zip", "User Audit") //=> "A\n1\n"
 * ```
 */
export function readEpmReportFile(bytes: Uint8Array, extension: string | undefined, report: string): string {
  const zipped =
    extension === "zip" || (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4);
  if (!zipped) return Buffer.from(bytes).toString("utf8");
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch (error) {
    throw new PayloadError(
      `${report} report arrived as a zip that cannot be opened (${error instanceof Error ? error.message : String(error)}). Download it again.`,
      "",
      { cause: error },
    );
  }
  const files = Object.keys(entries).filter((n) => !n.endsWith("/"));
  const name = files.find((n) => /\.csv$/i.test(n)) ?? (files.length === 1 ? files[0] : undefined);
  if (name === undefined) {
    throw new PayloadError(
      `${report} report arrived as a zip without a CSV file (entries: ${files.join(", ") || "none"}). Check the report in the EPM console.`,
    );
  }
  return Buffer.from(entries[name]!).toString("utf8");
}
