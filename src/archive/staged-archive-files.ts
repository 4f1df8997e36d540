import { fileKey, sha256Hex } from "./archive-checksums.js";
import type { ArchiveDatasetName } from "./archive-datasets.js";
import { withArchiveIo } from "./archive-io-error.js";
import { assertInsideArchive } from "./assert-inside-archive.js";
import { linkTempFile, removeTempFile, renameIntoPlace, writeTempFile } from "./atomic-write.js";
import { persistManifest, type SyncContext } from "./sync-context.js";

/** A Parquet file written to its temporary sibling, not yet in place. */
export interface StagedFile {
  /** The final path. */
  path: string;
  /** The temporary file holding the content. */
  temp: string;
  /** SHA-256 of the content (hex). */
  sha256: string;
}

/**
 * Writes a data file's content next to its final path (temporary file, fsync), after checking
 * that the path stays inside the archive (no symbolic link on the way). Nothing is visible to
 * readers yet: {@link commitStagedFiles} puts the files in place.
 *
 * @param ctx - the run
 * @param dataset - the dataset, for progress
 * @param path - the final path of the file
 * @param bytes - its content
 * @param label - what the progress message calls it, e.g. "events 2026-11-01"
 * @returns the staged file
 * @throws ArchiveError `E_ARCHIVE_SYMLINK` or `E_ARCHIVE_IO` naming the path
 * @example
 * ```ts
 * const staged = await stageFile(ctx, "events", join(dir, PART_FILE), bytes, "events 2026-11-01");
 * await commitStagedFiles(ctx, "events", [staged]);
 * ```
 */
export async function stageFile(
  ctx: SyncContext,
  dataset: ArchiveDatasetName,
  path: string,
  bytes: Uint8Array,
  label: string,
): Promise<StagedFile> {
  await assertInsideArchive(ctx.archive, path);
  const temp = await withArchiveIo(path, "write", () => writeTempFile(path, bytes));
  const staged = { path, temp, sha256: sha256Hex(bytes) };
  try {
    await ctx.emit({ step: "temp-written", dataset, file: temp, message: `${label}: written` });
  } catch (error) {
    await removeTempFile(temp);
    throw error;
  }
  return staged;
}

/**
 * Puts staged files in place: first their checksums go into the manifest as unconfirmed
 * records (with the checksum of the content they replace), then each file is renamed over its
 * final path; the next manifest write confirms them. A crash at any point leaves every file
 * matching a checksum the manifest accepts, and the next sync settles the records.
 *
 * @param ctx - the run
 * @param dataset - the dataset the files belong to, for progress
 * @param staged - files from {@link stageFile}
 * @returns once every file is durable in place
 * @throws ArchiveError `E_ARCHIVE_IO` naming the path; the temporary files left are removed
 * @example
 * ```ts
 * await commitStagedFiles(ctx, "events", staged);
 * ```
 */
export async function commitStagedFiles(
  ctx: SyncContext,
  dataset: ArchiveDatasetName,
  staged: StagedFile[],
): Promise<void> {
  if (staged.length === 0) return;
  let done = 0;
  try {
    const files = ctx.manifest.files ?? {};
    for (const file of staged) {
      const key = fileKey(ctx.archive, file.path);
      const previous = files[key];
      if (previous?.sha256 === file.sha256 && !previous.unconfirmed) continue;
      files[key] = {
        sha256: file.sha256,
        unconfirmed: true,
        ...(previous ? { previousSha256: previous.sha256 } : {}),
      };
    }
    ctx.manifest.files = files;
    await persistManifest(ctx);
    const keys = staged.map((file) => fileKey(ctx.archive, file.path));
    await ctx.emit({
      step: "checksums-recorded",
      dataset,
      files: keys,
      message: `${dataset}: checksums of ${keys.length} file(s) recorded`,
    });
    for (const file of staged) {
      await withArchiveIo(file.path, "write", () => renameIntoPlace(file.temp, file.path));
      ctx.renamed.push(fileKey(ctx.archive, file.path));
      done += 1;
    }
  } catch (error) {
    for (const file of staged.slice(done)) await removeTempFile(file.temp);
    throw error;
  }
}

/**
 * Removes staged files that will not be committed (an error came first).
 *
 * @param staged - files from {@link stageFile}
 * @returns once removed
 * @example
 * ```ts
 * await discardStagedFiles(staged);
 * ```
 */
export async function discardStagedFiles(staged: StagedFile[]): Promise<void> {
  for (const file of staged) await removeTempFile(file.temp);
}

/**
 * Stages an unchanged snapshot cheaply: a hard link to the previous day's file under a
 * temporary name (renamed into place by {@link commitStagedFiles}); where the file system
 * refuses links, a copy. The checksum is the previous file's, recorded again for the new path.
 *
 * @param ctx - the run
 * @param dataset - the dataset
 * @param path - the final path
 * @param previous - the previous snapshot's file (same content)
 * @param sha256 - its SHA-256 (hex)
 * @returns the staged file, and whether it is a link (false: copied)
 * @example
 * ```ts
 * await stageLink(ctx, "epmEntitlements", "/a/epm/entitlements/snapshot=2026-11-02/part-00000.parquet", prev, sha);
 * ```
 */
export async function stageLink(
  ctx: SyncContext,
  dataset: ArchiveDatasetName,
  path: string,
  previous: string,
  sha256: string,
): Promise<{ staged: StagedFile; linked: boolean }> {
  await assertInsideArchive(ctx.archive, path);
  const { temp, linked } = await withArchiveIo(path, "write", () => linkTempFile(previous, path));
  const staged = { path, temp, sha256 };
  try {
    await ctx.emit({
      step: "temp-written",
      dataset,
      file: temp,
      message: `${dataset}: linked to ${previous}`,
    });
  } catch (error) {
    await removeTempFile(temp);
    throw error;
  }
  return { staged, linked };
}
