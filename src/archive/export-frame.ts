import { mkdir, unlink } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { DataFrame, LazyDataFrame } from "nodejs-polars";
import { ValidationError } from "../errors/validation-error.js";
import { commitTempFile, tempPathFor, writeFileAtomic } from "./atomic-write.js";

/** File formats {@link exportFrame} writes. */
export type ExportFormat = "parquet" | "csv";

/** Options of {@link exportFrame}. */
export interface ExportFrameOptions {
  /** `parquet` (zstd, keeps types) or `csv` (UTF-8, header, ISO-8601 UTC times with a Z). */
  format: ExportFormat;
  /** The file to write; its folder is created if needed. */
  out: string;
}

/** How CSV exports write Datetime columns: ISO 8601 in UTC, e.g. `2026-11-01T08:15:00.000Z`. */
export const CSV_DATETIME_FORMAT = "%Y-%m-%dT%H:%M:%S%.3fZ";

/**
 * Writes a frame to a Parquet or CSV file atomically (temporary file, fsync, rename): a reader
 * never sees half a file, and a failed export leaves any earlier file in place. A LazyDataFrame
 * (e.g. from {@link readArchive}) is streamed to disk without loading it whole.
 *
 * @param frame - a DataFrame or a LazyDataFrame
 * @param options - format and output path
 * @returns the absolute path written
 * @throws {@link ValidationError} for an unknown format; the file system's or Polars' errors
 * @example
 * ```ts
 * await exportFrame(events, { format: "csv", out: "out/events.csv" }) //=> "/home/me/out/events.csv"
 * ```
 */
export async function exportFrame(
  frame: DataFrame | LazyDataFrame,
  options: ExportFrameOptions,
): Promise<string> {
  const out = resolve(options.out);
  if (options.format !== "parquet" && options.format !== "csv") {
    throw new ValidationError(`Unknown export format ${JSON.stringify(options.format)}: use parquet or csv.`);
  }
  if (!isLazy(frame)) {
    const bytes =
      options.format === "parquet"
        ? frame.writeParquet({ compression: "zstd" })
        : Buffer.from(frame.writeCSV({ datetimeFormat: CSV_DATETIME_FORMAT }));
    await writeFileAtomic(out, bytes);
    return out;
  }
  await mkdir(dirname(out), { recursive: true });
  const temp = tempPathFor(out);
  try {
    const sink =
      options.format === "parquet"
        ? frame.sinkParquet(temp, { compression: "zstd" })
        : frame.sinkCSV(temp, { datetimeFormat: CSV_DATETIME_FORMAT });
    await sink.collect();
    await commitTempFile(temp, out);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  return out;
}

function isLazy(frame: DataFrame | LazyDataFrame): frame is LazyDataFrame {
  return typeof (frame as LazyDataFrame).sinkParquet === "function";
}
