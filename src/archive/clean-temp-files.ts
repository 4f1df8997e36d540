import { readdir, unlink } from "node:fs/promises";
import { join } from "node:path";
import { TEMP_FILE_PATTERN } from "./atomic-write.js";

/**
 * Removes the temporary files a killed sync left behind (`.<name>.tmp-<pid>-<hex>`) anywhere in
 * the archive. Call it only while holding the archive lock, so no live writer loses its file.
 *
 * @param archive - the archive folder
 * @returns the paths removed
 * @throws the file system's error (other than a folder that does not exist)
 * @example
 * ```ts
 * await cleanTempFiles("archive") //=> ["archive/anaplan/events/date=2026-11-01/.part-00000.parquet.tmp-4242-9f1c2a0b"]
 * ```
 */
export async function cleanTempFiles(archive: string): Promise<string[]> {
  const removed: string[] = [];
  const entries = await readdir(archive, { recursive: true, withFileTypes: true }).catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return [];
      throw error;
    },
  );
  for (const entry of entries) {
    if (!entry.isFile() || !TEMP_FILE_PATTERN.test(entry.name)) continue;
    const path = join(entry.parentPath, entry.name);
    await unlink(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== "ENOENT") throw error;
    });
    removed.push(path);
  }
  return removed.sort();
}
