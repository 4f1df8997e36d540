import { join } from "node:path";
import type { DataFrame } from "nodejs-polars";
import { fileKey, sha256Hex } from "./archive-checksums.js";
import { ARCHIVE_DATASETS, type ArchiveDatasetName, PART_FILE } from "./archive-datasets.js";
import { assertInsideArchive } from "./assert-inside-archive.js";
import { conformIncoming } from "./merge-daily-rows.js";
import { existingPartitionFile, partitionDir } from "./partition-files.js";
import { commitStagedFiles, stageFile, stageLink } from "./staged-archive-files.js";
import { type SyncContext, saveDatasetState } from "./sync-context.js";
import { utcDay } from "./utc-day.js";

/** The previous snapshot's file when it is of an earlier day and holds exactly these bytes (by its recorded SHA-256). */
function unchangedPrevious(
  ctx: SyncContext,
  name: ArchiveDatasetName,
  day: string,
  sha256: string,
): string | undefined {
  const last = ctx.manifest.datasets[name]?.lastSnapshot;
  if (!last || last >= day) return undefined;
  const file = join(partitionDir(ctx.archive, ARCHIVE_DATASETS[name], last), PART_FILE);
  const record = ctx.manifest.files?.[fileKey(ctx.archive, file)];
  return record && !record.unconfirmed && record.sha256 === sha256 ? file : undefined;
}

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
  const path = join(dir, PART_FILE);
  const previous = unchangedPrevious(ctx, name, day, sha256Hex(bytes));
  const staged = previous
    ? (await stageLink(ctx, name, path, previous, sha256Hex(bytes))).staged
    : await stageFile(ctx, name, path, bytes, `${name} ${day}`);
  await commitStagedFiles(ctx, name, [staged]);
  const how = previous
    ? `unchanged since ${ctx.manifest.datasets[name]?.lastSnapshot}, linked`
    : `${bytes.length} bytes`;
  await ctx.emit({
    step: "snapshot-written",
    dataset: name,
    snapshot: day,
    rows: sorted.height,
    message: `${name}: snapshot of ${day} (${sorted.height} rows, ${how})`,
  });
  await saveDatasetState(ctx, name, { lastSnapshot: day });
  return day;
}
