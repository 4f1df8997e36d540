import { join } from "node:path";
import pl, { type LazyDataFrame } from "nodejs-polars";
import { type FrameSchema, PART_FILE } from "./archive-datasets.js";

/**
 * Characters a glob would read as a pattern: a dataset folder whose path holds one is read file
 * by file instead of with {@link scanDays}.
 *
 * @example
 * ```ts
 * GLOB_SYNTAX.test("/data/archive[1]") //=> true
 * ```
 */
export const GLOB_SYNTAX = /[*?[\]{}]/;

/**
 * One lazy scan over a daily dataset's files, cut to the days `[firstDay, lastDay]` by a filter
 * on the hive `date` key, which Polars applies to the folder names: files outside the days are
 * never opened. One scan instead of a concatenation of one per file: Polars plans it as one
 * source (for a year of 365 files, ~10x faster). A file that predates a column gets it as nulls
 * (`missingColumns: "insert"`), as `scanPartitionFile` does. The caller checks the files first
 * (checksums, footers): this only reads.
 *
 * @param root - the dataset folder, e.g. `<archive>/anaplan/events`
 * @param schema - the dataset's schema
 * @param firstDay - first day (YYYY-MM-DD), included; undefined: from the first
 * @param lastDay - last day (YYYY-MM-DD), included; undefined: to the last
 * @returns the rows, with the dataset's schema (without `date`)
 * @example
 * ```ts
 * scanDays("archive/anaplan/events", ARCHIVE_DATASETS.events.schema, "2026-01-01", "2026-01-31")
 * ```
 */
export function scanDays(
  root: string,
  schema: FrameSchema,
  firstDay: string | undefined,
  lastDay: string | undefined,
): LazyDataFrame {
  const day = (value: string) => pl.lit(value).str.strptime(pl.Date, "%Y-%m-%d");
  let scan = pl.scanParquet(join(root, "date=*", PART_FILE), {
    hivePartitioning: true,
    schema,
    missingColumns: "insert",
  });
  if (firstDay !== undefined) scan = scan.filter(pl.col("date").gtEq(day(firstDay)));
  if (lastDay !== undefined) scan = scan.filter(pl.col("date").ltEq(day(lastDay)));
  return scan.drop("date");
}
