import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { DataFrame, LazyDataFrame } from "nodejs-polars";
import { ValidationError } from "../errors/validation-error.js";
import { commitTempFile, removeTempFile, tempPathFor, writeFileAtomic } from "./atomic-write.js";
import { neutraliseFormulas } from "./neutralise-formulas.js";
import { schemaOf } from "./type-text.js";

/**
 * File formats {@link exportFrame} writes.
 *
 * @example
 * ```ts
 * const format: ExportFormat = "parquet";
 * ```
 */
export type ExportFormat = "parquet" | "csv";

/**
 * Options of {@link exportFrame}.
 *
 * @example
 * ```ts
 * const options: ExportFrameOptions = { format: "csv", out: "./out/findings.csv" };
 * ```
 */
export interface ExportFrameOptions {
  /** `parquet` (zstd, keeps types) or `csv` (UTF-8, header, ISO-8601 UTC times with a Z). */
  format: ExportFormat;
  /** The file to write; its folder is created if needed. */
  out: string;
  /**
   * CSV only: keep text cells that start with `=`, `+`, `-`, `@`, tab or CR as they are. By
   * default they are prefixed with `'` so a spreadsheet shows them as text instead of running
   * them as formulas (OWASP CSV injection). Set it when the CSV goes to a program, not a
   * spreadsheet. @default false
   */
  rawFormulas?: boolean;
}

/** How CSV exports write Datetime columns: ISO 8601 in UTC, e.g. `2026-11-01T08:15:00.000Z`. */
export const CSV_DATETIME_FORMAT = "%Y-%m-%dT%H:%M:%S%.3fZ";

/**
 * Writes a frame to a Parquet or CSV file atomically (temporary file, fsync, rename): a reader
 * never sees half a file, and a failed export leaves any earlier file in place. A LazyDataFrame
 * (e.g. from {@link readArchive}) is streamed to disk without loading it whole. CSV text cells
 * that a spreadsheet would run as formulas are prefixed with `'` unless `rawFormulas` is set.
 *
 * @param frame - a DataFrame or a LazyDataFrame
 * @param options - format, output path, rawFormulas
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
  if (options.format === "csv" && !options.rawFormulas) frame = neutraliseCsv(frame);
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
    await removeTempFile(temp);
    throw error;
  }
  return out;
}

function neutraliseCsv(frame: DataFrame | LazyDataFrame): DataFrame | LazyDataFrame {
  if (!isLazy(frame)) return neutraliseFormulas(frame, schemaOf(frame));
  // The column types of a lazy frame: its zero-row result (the plan is run on no rows).
  return neutraliseFormulas(frame, schemaOf(frame.limit(0).collectSync()));
}

function isLazy(frame: DataFrame | LazyDataFrame): frame is LazyDataFrame {
  return typeof (frame as LazyDataFrame).sinkParquet === "function";
}
