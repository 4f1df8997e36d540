import { readFile } from "node:fs/promises";
import type { DataFrame } from "nodejs-polars";
import { sha256Hex, verifyChecksum } from "./archive-checksums.js";
import type { FrameSchema } from "./archive-datasets.js";
import { withArchiveIo } from "./archive-io-error.js";
import { readPartitionBytes } from "./partition-files.js";
import type { SyncContext } from "./sync-context.js";

/**
 * Reads a partition file for merging: its bytes are checked against the SHA-256 the manifest
 * records before they are parsed, so a damaged file is never merged into a new one (which
 * would give the damage a fresh, valid checksum).
 *
 * @param ctx - the run (archive and manifest)
 * @param file - the partition's data file
 * @param schema - the dataset's schema
 * @returns the rows, in the dataset's schema
 * @throws ArchiveError `E_ARCHIVE_CHECKSUM`, `E_ARCHIVE_CORRUPT`, `E_ARCHIVE_FOREIGN` or `E_ARCHIVE_IO`, naming the file
 * @example
 * ```ts
 * const archived = await readVerifiedPartition(ctx, file, ARCHIVE_DATASETS.events.schema);
 * ```
 */
export async function readVerifiedPartition(
  ctx: Pick<SyncContext, "archive" | "manifest">,
  file: string,
  schema: FrameSchema,
): Promise<DataFrame> {
  const bytes = await withArchiveIo(file, "read", () => readFile(file));
  verifyChecksum(ctx.archive, ctx.manifest, file, sha256Hex(bytes));
  return readPartitionBytes(file, bytes, schema);
}
