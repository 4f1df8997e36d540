import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ArchiveError } from "./archive-error.js";
import { archiveIoError, withArchiveIo } from "./archive-io-error.js";
import { assertInsideArchive } from "./assert-inside-archive.js";
import { type WriteFileAtomicOptions, writeFileAtomic } from "./atomic-write.js";
import { checkManifest } from "./check-manifest.js";

/** The manifest's file name inside an archive folder. */
export const MANIFEST_FILE = "manifest.json";

export {
  ARCHIVE_MANIFEST_FORMAT,
  type ArchiveDatasetState,
  type ArchiveFileRecord,
  type ArchiveGap,
  type ArchiveManifest,
  type ArchiveOrigin,
  type ArchiveOriginChange,
} from "./archive-manifest-types.js";

import { ARCHIVE_MANIFEST_FORMAT, type ArchiveManifest } from "./archive-manifest-types.js";

/**
 * Reads an archive's manifest and checks it (watermarks, gaps, checksums); an archive without
 * one (new, or copied without it) has an empty manifest without checksums.
 *
 * @param archive - the archive folder
 * @returns the manifest
 * @throws {@link ArchiveError} `E_ARCHIVE_CORRUPT` or `E_ARCHIVE_FOREIGN` when the file is not a kit
 *   manifest; `E_ARCHIVE_WATERMARK` naming the dataset and value of a malformed watermark;
 *   `E_ARCHIVE_IO` when it cannot be read
 * @example
 * ```ts
 * (await readManifest("archive")).datasets.events?.coveredTo //=> "2026-11-22T10:00:00.000Z"
 * ```
 */
export async function readManifest(archive: string): Promise<ArchiveManifest> {
  const path = join(archive, MANIFEST_FILE);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      return { format: ARCHIVE_MANIFEST_FORMAT, version: 1, datasets: {} };
    throw archiveIoError(error, path, "read");
  }
  let value: Partial<ArchiveManifest>;
  try {
    value = JSON.parse(text) as Partial<ArchiveManifest>;
  } catch (cause) {
    throw new ArchiveError(
      "E_ARCHIVE_CORRUPT",
      `Archive manifest is not valid JSON: ${path}. Restore it from a backup, or delete it: the next sync then refetches what the API still holds and merges it without duplicates.`,
      path,
      { cause },
    );
  }
  if (value.format !== ARCHIVE_MANIFEST_FORMAT || value.version !== 1 || typeof value.datasets !== "object") {
    throw new ArchiveError(
      "E_ARCHIVE_FOREIGN",
      `${path} is not an epm-audit-kit archive manifest (format ${JSON.stringify(value.format)}, version ${JSON.stringify(value.version)}). Point --archive at a folder of its own.`,
      path,
    );
  }
  return checkManifest(value as ArchiveManifest, path);
}

/**
 * Writes the manifest atomically (temporary file, fsync, rename, fsync of the folder), with
 * the file records sorted by path so the same archive always gives the same manifest.
 *
 * @param archive - the archive folder's real path
 * @param manifest - the new manifest
 * @param options - hook before the rename
 * @returns once it is durable
 * @throws {@link ArchiveError} `E_ARCHIVE_SYMLINK` when manifest.json is a link; `E_ARCHIVE_IO`
 * @example
 * ```ts
 * await writeManifest("archive", manifest);
 * ```
 */
export async function writeManifest(
  archive: string,
  manifest: ArchiveManifest,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  const path = join(archive, MANIFEST_FILE);
  // Fixed key order, so a run that was killed and resumed writes the same bytes as one that was not.
  const { format, version, origin, originChanges, datasets, files } = manifest;
  const canonical = {
    format,
    version,
    ...(origin ? { origin: pick(origin, ["anaplan", "epm"]) } : {}),
    ...(originChanges ? { originChanges } : {}),
    datasets,
    ...(files ? { files: Object.fromEntries(Object.entries(files).sort(byKey)) } : {}),
  };
  const text = JSON.stringify(canonical, null, 2);
  await assertInsideArchive(archive, path);
  await withArchiveIo(path, "write", () => writeFileAtomic(path, Buffer.from(`${text}\n`), options));
}

function pick<T extends object>(value: T, keys: Array<keyof T>): Partial<T> {
  return Object.fromEntries(
    keys.filter((k) => value[k] !== undefined).map((k) => [k, value[k]]),
  ) as Partial<T>;
}

function byKey([a]: [string, unknown], [b]: [string, unknown]): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
