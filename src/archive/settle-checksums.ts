import { join } from "node:path";
import { fileKey, sha256OfFile } from "./archive-checksums.js";
import { ARCHIVE_DATASETS } from "./archive-datasets.js";
import type { ArchiveFileRecord, ArchiveManifest } from "./archive-manifest.js";
import { listPartitions } from "./partition-files.js";

/** What {@link settleChecksums} changed. */
export interface SettleChecksumsResult {
  /** Files of an archive written before checksums existed, whose checksums were recorded as they are now. */
  adopted: string[];
  /** Whether the manifest changed (and must be written). */
  changed: boolean;
}

/**
 * Brings the manifest's checksums up to date at the start of a sync (under the lock):
 * - an archive written before checksums existed (no `files`): records the SHA-256 of every
 *   Parquet file as it is now. Those files are trusted from here on; damage that happened
 *   before this cannot be detected.
 * - records a killed sync left `unconfirmed`: confirmed when the file holds the new content,
 *   reverted when it still holds the previous one, dropped when the file was never created.
 *   A file that matches neither stays unconfirmed, and reading it fails with `E_ARCHIVE_CHECKSUM`.
 * Reads only those files, so a routine sync hashes nothing.
 *
 * @param archive - the archive folder's real path
 * @param manifest - its manifest, updated in place
 * @returns the adopted files and whether the manifest changed
 * @throws ArchiveError from listing or reading the files
 * @example
 * ```ts
 * const { adopted, changed } = await settleChecksums(archive, manifest);
 * if (changed) await writeManifest(archive, manifest);
 * ```
 */
export async function settleChecksums(
  archive: string,
  manifest: ArchiveManifest,
): Promise<SettleChecksumsResult> {
  if (manifest.files === undefined) {
    const files: Record<string, ArchiveFileRecord> = {};
    const adopted: string[] = [];
    for (const dataset of Object.values(ARCHIVE_DATASETS)) {
      for (const { file } of await listPartitions(archive, dataset)) {
        if (!file) continue;
        files[fileKey(archive, file)] = { sha256: await sha256OfFile(file) };
        adopted.push(file);
      }
    }
    manifest.files = files;
    return { adopted, changed: true };
  }
  let changed = false;
  for (const [key, record] of Object.entries(manifest.files)) {
    if (!record.unconfirmed) continue;
    const settled = await settleRecord(join(archive, ...key.split("/")), record);
    if (settled === record) continue;
    changed = true;
    if (settled) manifest.files[key] = settled;
    else delete manifest.files[key];
  }
  return { adopted: [], changed };
}

async function settleRecord(path: string, record: ArchiveFileRecord): Promise<ArchiveFileRecord | undefined> {
  let actual: string;
  try {
    actual = await sha256OfFile(path);
  } catch (error) {
    const cause = (error as { cause?: NodeJS.ErrnoException }).cause;
    if (cause?.code === "ENOENT") return undefined; // the killed sync never renamed it into place
    throw error;
  }
  if (actual === record.sha256) return { sha256: record.sha256 };
  if (actual === record.previousSha256) return { sha256: record.previousSha256 };
  return record;
}
