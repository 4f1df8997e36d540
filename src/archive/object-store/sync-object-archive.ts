import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type SyncArchiveOptions, type SyncArchiveResult, syncArchive } from "../sync-archive.js";
import { downloadObjectArchive, publishObjectArchive } from "./object-archive-files.js";
import { acquireObjectArchiveLock } from "./object-archive-lock.js";
import { createS3ObjectStore } from "./s3-object-store.js";

/**
 * Options of {@link syncObjectArchive}: those of `syncArchive`, with `archive` an
 * `s3://bucket/prefix`, plus the environment and a test hook.
 *
 * @example
 * ```ts
 * const options: SyncObjectArchiveOptions = { archive: "s3://audit/tenant-a", anaplan, env: process.env };
 * ```
 */
export interface SyncObjectArchiveOptions extends SyncArchiveOptions {
  /** AWS_* settings. @default process.env */
  env?: Record<string, string | undefined>;
  /** Runs after the data objects are uploaded and before the manifest is (tests inject a kill here). @default undefined */
  beforeManifest?: () => Promise<void>;
}

/**
 * Brings an archive on S3-compatible object storage up to date. It takes the archive's lock
 * object, downloads the published archive into a temporary folder (every file: the cost is one
 * full download per sync, bounded by the object limits), runs the local sync there, and
 * publishes: new data objects under content-hash keys first, the manifest last (the commit
 * point), then deletes objects no manifest names. A killed sync leaves only unreferenced
 * objects; readers, who follow the manifest, still see the previous state.
 *
 * @param options - the sync's options with an `s3://` archive
 * @returns what the sync did (`archive` is the `s3://` location)
 * @throws ObjectStoreError (`locked`, `credentials`, `missing-bucket`, `unreachable`, `limit`);
 *   the local sync's errors
 * @example
 * ```ts
 * await syncObjectArchive({ archive: "s3://audit/tenant-a", anaplan, epm });
 * ```
 */
export async function syncObjectArchive(options: SyncObjectArchiveOptions): Promise<SyncArchiveResult> {
  const store = createS3ObjectStore(options.archive, options.env ?? process.env);
  const lock = await acquireObjectArchiveLock(store);
  const dir = await mkdtemp(join(tmpdir(), "epm-audit-kit-s3-"));
  try {
    const before = await downloadObjectArchive(store, dir);
    const { env: _env, beforeManifest, ...local } = options;
    const result = await syncArchive({ ...local, archive: dir });
    const hooks = beforeManifest ? { beforeManifest } : {};
    await publishObjectArchive(store, dir, before, hooks);
    return { ...result, archive: store.label };
  } finally {
    await rm(dir, { recursive: true, force: true });
    await lock.release();
  }
}
