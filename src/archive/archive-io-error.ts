import { isKitError } from "../errors/kit-error.js";
import { ArchiveError } from "./archive-error.js";

/** What to do about each system error code the archive can meet. */
const ADVICE: Record<string, (path: string) => string> = {
  ENOSPC: () =>
    "The disk is full. Free space on it (or point --archive at a larger disk) and run the sync again; the archive is consistent up to its last watermark.",
  EDQUOT: () =>
    "The disk quota is used up. Free space or raise the quota and run again; the archive is consistent up to its last watermark.",
  EROFS: () =>
    "The file system is read-only. Remount it read-write, or copy the archive to a writable disk and point --archive there.",
  EACCES: (path) =>
    `No permission. Give the user running the kit write access to ${path} (chown/chmod), or run as its owner.`,
  EPERM: (path) =>
    `The operation is not permitted. Check the permissions and attributes (e.g. immutable) of ${path}.`,
  EEXIST: (path) =>
    `Something already exists at ${path} where the kit needs to create it. Move it out of the archive folder and run again.`,
  ENOTDIR: (path) =>
    `A part of ${path} is a file where a folder is needed. Move that file away, or choose another --archive folder.`,
  EISDIR: (path) => `${path} is a folder where the kit expects a file. Move it away and run again.`,
  EMFILE: () => "Too many open files. Raise the limit (ulimit -n) and run again.",
  ENFILE: () => "The system has too many open files. Close other programs and run again.",
  EIO: () => "The disk reported an I/O error. Check the disk (dmesg, SMART) before running again.",
  ENAMETOOLONG: () => "The path is too long for the file system. Choose a shorter --archive path.",
  ELOOP: (path) => `${path} runs through a loop of symbolic links. Replace them with real folders.`,
};

/**
 * Turns a system error (one with an errno `code` such as ENOSPC) met while reading or writing
 * the archive into an {@link ArchiveError} `E_ARCHIVE_IO` that names the path and says what to
 * do. Kit errors and non-system errors are returned unchanged.
 *
 * @param error - what was caught
 * @param path - the file or folder being read or written (the error's own path wins)
 * @param action - what the kit was doing, e.g. "write" or "read"
 * @returns the error to throw
 * @example
 * ```ts
 * try { await writeFile(p, b); } catch (error) { throw archiveIoError(error, p, "write"); }
 * // ArchiveError E_ARCHIVE_IO: "Cannot write /mnt/archive/manifest.json (ENOSPC: …). The disk is full. …"
 * ```
 */
export function archiveIoError(error: unknown, path: string, action: string): unknown {
  if (isKitError(error) || !(error instanceof Error)) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code !== "string" || !/^E[A-Z]+$/.test(code)) return error;
  const at = (error as NodeJS.ErrnoException).path ?? path;
  const advice = ADVICE[code]?.(at) ?? "Check the disk and the folder's permissions, then run again.";
  return new ArchiveError("E_ARCHIVE_IO", `Cannot ${action} ${at} (${code}). ${advice}`, at, {
    cause: error,
  });
}

/**
 * Runs a file system step and converts its system errors with {@link archiveIoError}.
 *
 * @param path - the file or folder the step works on
 * @param action - what the step does, for the message
 * @param step - the step
 * @returns the step's result
 * @throws {@link ArchiveError} `E_ARCHIVE_IO` for a system error; other errors unchanged
 * @example
 * ```ts
 * const text = await withArchiveIo(path, "read", () => readFile(path, "utf8"));
 * ```
 */
export async function withArchiveIo<T>(path: string, action: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    throw archiveIoError(error, path, action);
  }
}
