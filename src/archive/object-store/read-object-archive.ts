import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ArchiveFrames, type ReadArchiveOptions, readArchive } from "../read-archive.js";
import { downloadObjectArchive } from "./object-archive-files.js";
import { ObjectStoreError } from "./object-store-error.js";
import { createS3ObjectStore } from "./s3-object-store.js";
import { isS3Uri } from "./s3-uri.js";

/**
 * Frames of an archive read from object storage, with `close()` to remove the local copy.
 *
 * @example
 * ```ts
 * const frames: ObjectArchiveFrames = await readObjectArchive("s3://audit/tenant-a");
 * await frames.close();
 * ```
 */
export interface ObjectArchiveFrames extends ArchiveFrames {
  /** Removes the temporary local copy (collect the frames first). Does nothing for a local archive. */
  close(): Promise<void>;
}

/**
 * Reads an archive on S3-compatible object storage: downloads the files its published manifest
 * names (one consistent version: objects are content-addressed, the manifest is the commit
 * point) into a temporary folder and opens it with `readArchive` (checksums verified).
 *
 * @param location - `s3://bucket/prefix`
 * @param options - the time range, and `env` for the AWS_* settings (default process.env)
 * @returns lazy frames; call `close()` when done
 * @throws ObjectStoreError; ArchiveError `E_ARCHIVE_MISSING` when nothing is published there
 * @example
 * ```ts
 * const frames = await readObjectArchive("s3://audit/tenant-a", { from: "2026-11-01" });
 * try { console.log((await frames.events.collect()).height); } finally { await frames.close(); }
 * ```
 */
export async function readObjectArchive(
  location: string,
  options: ReadArchiveOptions & { env?: Record<string, string | undefined> } = {},
): Promise<ObjectArchiveFrames> {
  const store = createS3ObjectStore(location, options.env ?? process.env);
  const dir = await mkdtemp(join(tmpdir(), "epm-audit-kit-s3-read-"));
  const close = () => rm(dir, { recursive: true, force: true });
  try {
    if (!(await downloadObjectArchive(store, dir))) {
      throw new ObjectStoreError(
        "other",
        `No archive at ${store.label} (no manifest.json): sync to it first, or fix --archive.`,
      );
    }
    const { env: _env, ...range } = options;
    return { ...(await readArchive(dir, range)), close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Opens an archive at a local folder or an `s3://` location: the one entry point for export,
 * report and read.
 *
 * @param location - a folder or `s3://bucket/prefix`
 * @param options - the time range and `env`
 * @returns lazy frames and `close()`
 * @example
 * ```ts
 * const frames = await readArchiveAt(process.env.KIT_ARCHIVE!, { from: "2026-11-01" });
 * ```
 */
export async function readArchiveAt(
  location: string,
  options: ReadArchiveOptions & { env?: Record<string, string | undefined> } = {},
): Promise<ObjectArchiveFrames> {
  if (isS3Uri(location)) return readObjectArchive(location, options);
  const { env: _env, ...range } = options;
  return { ...(await readArchive(location, range)), close: async () => undefined };
}
