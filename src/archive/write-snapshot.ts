import { join } from "node:path";
import type { DataFrame } from "nodejs-polars";
import { ARCHIVE_DATASETS, type ArchiveDatasetName, PART_FILE } from "./archive-datasets.js";
import { assertInsideArchive } from "./assert-inside-archive.js";
import { conformIncoming } from "./merge-daily-rows.js";
import { existingPartitionFile, partitionDir } from "./partition-files.js";
import { commitStagedFiles, stageFile } from "./staged-archive-files.js";
import { type SyncContext, saveDatasetState } from "./sync-context.js";
import { utcDay } from "./utc-day.js";

/**
 * Stores the current state of a snapshot dataset (users, role assignments, user groups) as
 * the snapshot of today (UTC day of the run's "now"), replacing an earlier one of the same day.
 * Rows are sorted by every column so the same state always gives the same file.
 *
 * @param ctx - the run
 * @param name - a snapshot dataset
 * @param frame - the full current state, as the client returned it
 * @returns the snapshot day
 * @throws ValidationError when the frame lacks a column of the dataset's schema; ArchiveError
 *   for a foreign file or symbolic link in the way, or a write the disk refuses
 * @example
 * ```ts
 * await writeSnapshot(ctx, "users", users) //=> "2026-11-22"
 * ```
 */
export async function writeSnapshot(
  ctx: SyncContext,
  name: ArchiveDatasetName,
  frame: DataFrame,
): Promise<string> {
  const dataset = ARCHIVE_DATASETS[name];
  const rows = conformIncoming(frame, dataset.schema, dataset.path);
  const sorted = rows.height > 1 ? rows.sort(rows.columns) : rows;
  const day = utcDay(ctx.now);
  const dir = partitionDir(ctx.archive, dataset, day);
  await assertInsideArchive(ctx.archive, dir);
  await existingPartitionFile(dir); // refuses a foreign file before replacing anything
  const bytes = sorted.writeParquet({ compression: "zstd" });
  await commitStagedFiles(ctx, name, [
    await stageFile(ctx, name, join(dir, PART_FILE), bytes, `${name} ${day}`),
  ]);
  await ctx.emit({
    step: "snapshot-written",
    dataset: name,
    snapshot: day,
    rows: sorted.height,
    message: `${name}: snapshot of ${day} (${sorted.height} rows)`,
  });
  await saveDatasetState(ctx, name, { lastSnapshot: day });
  return day;
}
