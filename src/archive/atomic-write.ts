import { randomBytes } from "node:crypto";
import { link, mkdir, open, readFile, rename, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Options of {@link writeFileAtomic}. */
export interface WriteFileAtomicOptions {
  /**
   * Called once the temporary file is complete and fsynced, just before it is renamed into
   * place. Awaited. Tests use it to kill a sync at exactly this point.
   * @default undefined
   */
  beforeRename?: (tempPath: string) => void | Promise<void>;
}

/** Matches the temporary files {@link writeFileAtomic} creates (hidden, `.tmp-<pid>-<hex>` suffix). */
export const TEMP_FILE_PATTERN = /^\..+\.tmp-\d+-[0-9a-f]{8}$/;

/**
 * Names the temporary sibling of `path`: hidden (leading dot) so Spark, DuckDB globs on
 * `*.parquet` and the archive reader skip it, and tagged with the pid so leftovers are
 * recognisable.
 *
 * @param path - the final path
 * @returns a unique temporary path in the same folder
 * @example
 * ```ts
 * tempPathFor("/a/part-00000.parquet") //=> "/a/.part-00000.parquet.tmp-4242-9f1c2a0b"
 * ```
 */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`);
}

/**
 * Writes `bytes` to `path` so that a reader or a crash never sees a partial file: the bytes go
 * to a temporary file in the same folder, which is fsynced, renamed over `path`, and then the
 * folder itself is fsynced so the rename is durable too. The folder is created if needed.
 *
 * @param path - the final file path
 * @param bytes - the whole content
 * @param options - a hook run before the rename
 * @returns once the new content is durable under `path`
 * @throws the file system's error (ENOSPC, EACCES, …); the temporary file is removed first
 * @example
 * ```ts
 * await writeFileAtomic("archive/manifest.json", Buffer.from("{}"));
 * ```
 */
export async function writeFileAtomic(
  path: string,
  bytes: Uint8Array,
  options: WriteFileAtomicOptions = {},
): Promise<void> {
  const temp = await writeTempFile(path, bytes);
  try {
    await options.beforeRename?.(temp);
    await rename(temp, path);
  } catch (error) {
    await removeTempFile(temp);
    throw error;
  }
  await fsyncDir(dirname(path));
}

/**
 * First half of {@link writeFileAtomic}: writes `bytes` to a new temporary sibling of `path`
 * (created exclusively, so an existing file or symbolic link there is never followed) and
 * fsyncs it. The folder is created if needed. Finish with {@link renameIntoPlace}, or remove
 * the temporary file with {@link removeTempFile}.
 *
 * @param path - the final file path
 * @param bytes - the whole content
 * @returns the temporary file's path
 * @throws the file system's error (ENOSPC, EROFS, …); a partial temporary file is removed first
 * @example
 * ```ts
 * const temp = await writeTempFile("archive/manifest.json", Buffer.from("{}"));
 * await renameIntoPlace(temp, "archive/manifest.json");
 * ```
 */
export async function writeTempFile(path: string, bytes: Uint8Array): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  const temp = tempPathFor(path);
  try {
    const handle = await open(temp, "wx");
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    await removeTempFile(temp);
    throw error;
  }
  return temp;
}

/**
 * Like {@link writeTempFile}, but the temporary file is a hard link to `source` (no bytes
 * written); where links fail (another device, a file system without them) a copy, fsynced.
 *
 * @param source - an existing file with the wanted content
 * @param path - the final path the temporary file stands beside
 * @returns the temporary file and whether it is a link
 * @example
 * ```ts
 * const { temp, linked } = await linkTempFile("/a/s=1/part-00000.parquet", "/a/s=2/part-00000.parquet");
 * ```
 */
export async function linkTempFile(source: string, path: string): Promise<{ temp: string; linked: boolean }> {
  await mkdir(dirname(path), { recursive: true });
  const temp = tempPathFor(path);
  try {
    await link(source, temp);
    return { temp, linked: true };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (!["EXDEV", "EPERM", "ENOTSUP", "EOPNOTSUPP", "EMLINK", "ENOSYS"].includes(code ?? "")) throw error;
  }
  await removeTempFile(temp);
  return { temp: await writeTempFile(path, await readFile(source)), linked: false };
}

/**
 * Second half of {@link writeFileAtomic}: renames a complete, fsynced temporary file over
 * `path` and fsyncs the folder, so the new content is durable under `path`.
 *
 * @param temp - the temporary file from {@link writeTempFile}
 * @param path - the final path (same folder)
 * @returns once the rename is durable
 * @throws the file system's error
 * @example
 * ```ts
 * await renameIntoPlace(temp, "archive/manifest.json");
 * ```
 */
export async function renameIntoPlace(temp: string, path: string): Promise<void> {
  await rename(temp, path);
  await fsyncDir(dirname(path));
}

/**
 * Removes a temporary file; one that is already gone is fine, any other failure is left for the
 * next sync's clean-up (it matches {@link TEMP_FILE_PATTERN}) and does not hide the error that
 * led here.
 *
 * @param temp - the temporary file
 * @returns once removed (or found missing)
 * @example
 * ```ts
 * await removeTempFile("/a/.part-00000.parquet.tmp-4242-9f1c2a0b");
 * ```
 */
export async function removeTempFile(temp: string): Promise<void> {
  await unlink(temp).catch((error: NodeJS.ErrnoException) => {
    // ENOENT: never created or already gone. Anything else: cleanTempFiles removes it on the next run.
    return error.code;
  });
}

/**
 * Moves a finished temporary file into place durably: fsync the file, rename, fsync the folder.
 * For writers that produce the file themselves (Polars' sinks).
 *
 * @param temp - the complete temporary file (same folder as `path`)
 * @param path - the final path
 * @returns once the rename is durable
 * @throws the file system's error
 * @example
 * ```ts
 * await commitTempFile(".out.parquet.tmp-1-00ff00ff", "out.parquet");
 * ```
 */
export async function commitTempFile(temp: string, path: string): Promise<void> {
  const handle = await open(temp, "r+");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, path);
  await fsyncDir(dirname(path));
}

/**
 * Fsyncs a folder so that entries created, renamed or removed in it survive a power loss.
 *
 * @param dir - the folder
 * @returns once the folder's entries are durable
 * @throws the file system's error
 * @example
 * ```ts
 * await fsyncDir("archive/anaplan/events/date=2026-11-01");
 * ```
 */
export async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
