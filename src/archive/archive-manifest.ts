import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { ArchiveDatasetName } from "./archive-datasets.js";
import { ArchiveError } from "./archive-error.js";
import { type WriteFileAtomicOptions, writeFileAtomic } from "./atomic-write.js";

/** The manifest's file name inside an archive folder. */
export const MANIFEST_FILE = "manifest.json";

const FORMAT = "epm-audit-kit-archive";

/** A span of time the archive could not cover because the API no longer held it. */
export interface ArchiveGap {
  /** ISO instant, included. */
  from: string;
  /** ISO instant, excluded. */
  to: string;
}

/** What the archive holds of one dataset. */
export interface ArchiveDatasetState {
  /** History datasets: the first instant covered (ISO). @default undefined */
  coveredFrom?: string;
  /** History datasets: everything before this instant (ISO) that the API returned is archived. @default undefined */
  coveredTo?: string;
  /** Snapshot datasets: the day of the latest snapshot (YYYY-MM-DD). @default undefined */
  lastSnapshot?: string;
  /** Spans lost because no sync ran while the API still held them. @default undefined */
  gaps?: ArchiveGap[];
}

/** Where an archive's data comes from, per system (e.g. "simulator (seed 1)" or a tenant URL). */
export type ArchiveOrigin = Partial<Record<"anaplan" | "epm", string>>;

/** The archive's `manifest.json`: the watermarks, moved only after the data they cover is durable. */
export interface ArchiveManifest {
  format: typeof FORMAT;
  version: 1;
  /** The source each system's data was synced from; a sync from another source is refused. @default undefined */
  origin?: ArchiveOrigin;
  datasets: Partial<Record<ArchiveDatasetName, ArchiveDatasetState>>;
}

/**
 * Reads an archive's manifest; an archive without one (new, or copied without it) has an
 * empty manifest.
 *
 * @param archive - the archive folder
 * @returns the manifest
 * @throws {@link ArchiveError} `E_ARCHIVE_CORRUPT` or `E_ARCHIVE_FOREIGN` when the file is not a kit manifest
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
      return { format: FORMAT, version: 1, datasets: {} };
    throw error;
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
  if (value.format !== FORMAT || value.version !== 1 || typeof value.datasets !== "object") {
    throw new ArchiveError(
      "E_ARCHIVE_FOREIGN",
      `${path} is not an epm-audit-kit archive manifest (format ${JSON.stringify(value.format)}, version ${JSON.stringify(value.version)}). Point --archive at a folder of its own.`,
      path,
    );
  }
  return value as ArchiveManifest;
}

/**
 * Writes the manifest atomically (temporary file, fsync, rename, fsync of the folder).
 *
 * @param archive - the archive folder
 * @param manifest - the new manifest
 * @param options - hook before the rename
 * @returns once it is durable
 * @throws the file system's error
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
  await writeFileAtomic(
    join(archive, MANIFEST_FILE),
    Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`),
    options,
  );
}
