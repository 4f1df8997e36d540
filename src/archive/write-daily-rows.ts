import { join } from "node:path";
import pl, { type DataFrame } from "nodejs-polars";
import { PayloadError } from "../errors/payload-error.js";
import {
  ARCHIVE_DATASETS,
  type ArchiveDatasetName,
  type DailyDataset,
  PART_FILE,
} from "./archive-datasets.js";
import { writeFileAtomic } from "./atomic-write.js";
import { conformIncoming, mergeDailyRows } from "./merge-daily-rows.js";
import { existingPartitionFile, partitionDir, readPartitionFile } from "./partition-files.js";
import type { SyncContext } from "./sync-context.js";
import { utcDay } from "./utc-day.js";

const DAY = "__day";

/**
 * Appends fetched rows of a history dataset to the archive: splits them by the UTC day of the
 * dataset's date column, merges each day with what that partition already holds (no
 * duplicates, see {@link mergeDailyRows}), and rewrites the partition atomically when
 * something was new. Days with nothing new are not touched.
 *
 * @param ctx - the run
 * @param name - a daily dataset
 * @param frame - rows as the client returned them
 * @returns how many rows were new
 * @throws {@link PayloadError} when a row has no date (it could not be placed in a partition)
 * @throws ArchiveError when an existing partition file is corrupt or foreign
 * @example
 * ```ts
 * await writeDailyRows(ctx, "events", events) //=> 1234
 * ```
 */
export async function writeDailyRows(
  ctx: SyncContext,
  name: ArchiveDatasetName,
  frame: DataFrame,
): Promise<number> {
  const dataset = ARCHIVE_DATASETS[name] as DailyDataset;
  if (frame.height === 0) return 0;
  const rows = conformIncoming(frame, dataset.schema, dataset.path);
  const undated = rows.getColumn(dataset.dateColumn).nullCount();
  if (undated > 0) {
    throw new PayloadError(
      `${undated} ${dataset.path} row(s) have no ${dataset.dateColumn}, so they cannot be placed in a day partition; nothing of this batch was archived. Report it with the rows' other columns.`,
    );
  }
  let added = 0;
  for (const [day, part] of splitByDay(rows, dataset.dateColumn)) {
    added += await mergeIntoPartition(ctx, name, dataset, day, part);
  }
  return added;
}

/** The rows of each UTC day, in day order; a batch of one day (the usual case) is not copied. */
function splitByDay(rows: DataFrame, dateColumn: string): Array<[string, DataFrame]> {
  const dates = rows.getColumn(dateColumn);
  const first = utcDay(Number(dates.min()));
  if (first === utcDay(Number(dates.max()))) return [[first, rows]];
  return rows
    .withColumns(pl.col(dateColumn).dt.strftime("%Y-%m-%d").alias(DAY))
    .partitionBy(DAY, true, true)
    .map((part): [string, DataFrame] => [String(part.getColumn(DAY).get(0)), part.drop(DAY)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

async function mergeIntoPartition(
  ctx: SyncContext,
  name: ArchiveDatasetName,
  dataset: DailyDataset,
  day: string,
  rows: DataFrame,
): Promise<number> {
  const dir = partitionDir(ctx.archive, dataset, day);
  const existing = await existingPartitionFile(dir);
  const archived = existing ? readPartitionFile(existing, dataset.schema) : undefined;
  const { merged, added } = mergeDailyRows(archived, rows, dataset);
  if (added === 0) return 0;
  await writeFileAtomic(join(dir, PART_FILE), merged.writeParquet({ compression: "zstd" }), {
    beforeRename: (file) =>
      ctx.emit({ step: "temp-written", dataset: name, file, message: `${name} ${day}: written` }),
  });
  await ctx.emit({
    step: "partition-written",
    dataset: name,
    partition: day,
    rows: merged.height,
    added,
    message: `${name} ${day}: +${added} (${merged.height} rows)`,
  });
  return added;
}
