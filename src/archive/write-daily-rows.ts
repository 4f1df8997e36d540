import { join } from "node:path";
import pl, { type DataFrame } from "nodejs-polars";
import { PayloadError } from "../errors/payload-error.js";
import {
  ARCHIVE_DATASETS,
  type ArchiveDatasetName,
  type DailyDataset,
  PART_FILE,
} from "./archive-datasets.js";
import { assertInsideArchive } from "./assert-inside-archive.js";
import { conformIncoming, mergeDailyRows } from "./merge-daily-rows.js";
import { existingPartitionFile, partitionDir } from "./partition-files.js";
import { readVerifiedPartition } from "./read-verified-partition.js";
import { commitStagedFiles, discardStagedFiles, type StagedFile, stageFile } from "./staged-archive-files.js";
import type { SyncContext } from "./sync-context.js";
import { utcDay } from "./utc-day.js";

const DAY = "__day";

/**
 * Appends fetched rows of a history dataset to the archive: splits them by the UTC day of the
 * dataset's date column, merges each day with what that partition already holds (verified
 * against its checksum; no duplicates, see {@link mergeDailyRows}), and rewrites the partitions
 * where something was new: each day is staged to a temporary file (one day in memory at a
 * time), then all are committed together (checksums first, see {@link commitStagedFiles}).
 * Days with nothing new are not touched.
 *
 * @param ctx - the run
 * @param name - a daily dataset
 * @param frame - rows as the client returned them
 * @returns how many rows were new
 * @throws {@link PayloadError} when a row has no date (it could not be placed in a partition)
 * @throws ArchiveError when an existing partition file is corrupt, damaged (checksum) or foreign,
 *   a folder on the way is a symbolic link, or the disk refuses the write
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
  const written: PartitionWrite[] = [];
  try {
    for (const [day, part] of splitByDay(rows, dataset.dateColumn)) {
      const write = await stagePartition(ctx, name, dataset, day, part);
      if (write) written.push(write);
    }
  } catch (error) {
    await discardStagedFiles(written.map((w) => w.staged));
    throw error;
  }
  await commitStagedFiles(
    ctx,
    name,
    written.map((w) => w.staged),
  );
  let added = 0;
  for (const w of written) {
    added += w.added;
    await ctx.emit({
      step: "partition-written",
      dataset: name,
      partition: w.day,
      rows: w.rows,
      added: w.added,
      message: `${name} ${w.day}: +${w.added} (${w.rows} rows)`,
    });
  }
  return added;
}

/** A day partition staged for rewriting. */
interface PartitionWrite {
  day: string;
  staged: StagedFile;
  rows: number;
  added: number;
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

/** Merges one day's rows with its partition; stages the new file when something was new. */
async function stagePartition(
  ctx: SyncContext,
  name: ArchiveDatasetName,
  dataset: DailyDataset,
  day: string,
  rows: DataFrame,
): Promise<PartitionWrite | undefined> {
  const dir = partitionDir(ctx.archive, dataset, day);
  await assertInsideArchive(ctx.archive, dir); // before reading through a link, not only before writing
  const existing = await existingPartitionFile(dir);
  const archived = existing ? await readVerifiedPartition(ctx, existing, dataset.schema) : undefined;
  const { merged, added } = mergeDailyRows(archived, rows, dataset);
  if (added === 0) return undefined;
  const bytes = merged.writeParquet({ compression: "zstd" });
  const staged = await stageFile(ctx, name, join(dir, PART_FILE), bytes, `${name} ${day}`);
  return { day, staged, rows: merged.height, added };
}
