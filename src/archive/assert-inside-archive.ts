import { lstat } from "node:fs/promises";
import { isAbsolute, join, relative, sep } from "node:path";
import { ArchiveError } from "./archive-error.js";
import { archiveIoError } from "./archive-io-error.js";

/**
 * Refuses a path that could lead a write out of the archive: one outside the archive folder,
 * or one where any existing part below the archive folder (dataset folder, partition folder,
 * the file itself) is a symbolic link. Parts that do not exist yet are fine (the kit creates
 * them as real folders). The archive folder itself may be a link: pass its real path.
 *
 * Guards against mistakes (a partition folder linked elsewhere, a copied tree with links), not
 * against another local user swapping folders while a sync runs.
 *
 * @param archive - the archive folder's real path (`realpath`)
 * @param path - a file or folder the kit is about to write
 * @returns once checked
 * @throws {@link ArchiveError} `E_ARCHIVE_SYMLINK` naming the link, or `E_ARCHIVE_IO`
 * @example
 * ```ts
 * await assertInsideArchive("/data/archive", "/data/archive/anaplan/events/date=2026-11-01/part-00000.parquet");
 * ```
 */
export async function assertInsideArchive(archive: string, path: string): Promise<void> {
  const rel = relative(archive, path);
  if (rel === "" || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new ArchiveError(
      "E_ARCHIVE_SYMLINK",
      `Refusing to write ${path}: it is not inside the archive folder ${archive}. This is a bug in the caller; report it.`,
      path,
    );
  }
  let current = archive;
  for (const part of rel.split(sep)) {
    current = join(current, part);
    let isLink: boolean;
    try {
      isLink = (await lstat(current)).isSymbolicLink();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw archiveIoError(error, current, "inspect");
    }
    if (isLink) throw symlinkError(current);
  }
}

/**
 * The error for a symbolic link inside the archive.
 *
 * @param path - the link
 * @returns an {@link ArchiveError} `E_ARCHIVE_SYMLINK`
 * @example
 * ```ts
 * throw symlinkError("/data/archive/anaplan/events/date=2026-11-01");
 * ```
 */
export function symlinkError(path: string): ArchiveError {
  return new ArchiveError(
    "E_ARCHIVE_SYMLINK",
    `Archive holds a symbolic link: ${path}. The kit never reads or writes through links, so the archive cannot reach outside its folder. Replace the link with a real folder or file (copy the target in), or remove it, and run again.`,
    path,
  );
}
