import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { join, relative, sep } from "node:path";
import { ArchiveError } from "./archive-error.js";
import { withArchiveIo } from "./archive-io-error.js";
import { type ArchiveManifest, MANIFEST_FILE } from "./archive-manifest.js";

/** Whether a file's checksum was compared with the manifest's record. */
export type ChecksumCheck = "verified" | "unverified";

/**
 * The key of a file in the manifest's `files`: its path relative to the archive, `/`-separated.
 *
 * @param archive - the archive folder
 * @param file - a file inside it
 * @returns e.g. `anaplan/events/date=2026-11-01/part-00000.parquet`
 * @example
 * ```ts
 * fileKey("/a", "/a/anaplan/users/snapshot=2026-11-01/part-00000.parquet") //=> "anaplan/users/snapshot=2026-11-01/part-00000.parquet"
 * ```
 */
export function fileKey(archive: string, file: string): string {
  return relative(archive, file).split(sep).join("/");
}

/**
 * SHA-256 of bytes, as lowercase hex.
 *
 * @param bytes - the content
 * @returns 64 hex digits
 * @example
 * ```ts
 * sha256Hex(Buffer.from("")) //=> "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
 * ```
 */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * SHA-256 of a file, streamed (memory stays bounded whatever the file's size).
 *
 * @param path - the file
 * @returns 64 hex digits
 * @throws {@link ArchiveError} `E_ARCHIVE_IO` when it cannot be read
 * @example
 * ```ts
 * await sha256OfFile("archive/anaplan/events/date=2026-11-01/part-00000.parquet") //=> "9f86d0…"
 * ```
 */
export async function sha256OfFile(path: string): Promise<string> {
  return withArchiveIo(path, "read", async () => {
    const hash = createHash("sha256");
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
    return hash.digest("hex");
  });
}

/**
 * Compares a file's SHA-256 with the manifest's record. An archive whose manifest has no
 * `files` predates checksums: its files are "unverified" (the next sync records them). A file
 * being replaced by a sync (record `unconfirmed`) may hold either its new or previous content.
 *
 * @param archive - the archive folder
 * @param manifest - the archive's manifest
 * @param file - the Parquet file
 * @param actual - the file's SHA-256 (hex)
 * @returns "verified" or "unverified"
 * @throws {@link ArchiveError} `E_ARCHIVE_CHECKSUM` naming a file whose bytes changed;
 *   `E_ARCHIVE_FOREIGN` naming a file the manifest does not record
 * @example
 * ```ts
 * verifyChecksum(archive, manifest, file, sha256Hex(bytes)) //=> "verified"
 * ```
 */
export function verifyChecksum(
  archive: string,
  manifest: ArchiveManifest,
  file: string,
  actual: string,
): ChecksumCheck {
  if (manifest.files === undefined) return "unverified";
  const manifestPath = join(archive, MANIFEST_FILE);
  const record = manifest.files[fileKey(archive, file)];
  if (!record) {
    throw new ArchiveError(
      "E_ARCHIVE_FOREIGN",
      `Archive file ${file} is not recorded in ${manifestPath}, so the kit did not write it. Move it out of the archive folder and run again.`,
      file,
    );
  }
  if (actual === record.sha256 || (record.unconfirmed && actual === record.previousSha256)) return "verified";
  throw new ArchiveError(
    "E_ARCHIVE_CHECKSUM",
    `Archive file is damaged or was changed: ${file} has SHA-256 ${actual}, but ${manifestPath} records ${record.sha256}. Restore it from a backup; or delete it and run the sync again while the API still holds that day (a deleted snapshot is lost).`,
    file,
  );
}
