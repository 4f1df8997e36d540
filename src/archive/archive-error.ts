import { KitError } from "../errors/kit-error.js";

/**
 * Stable codes of {@link ArchiveError}.
 *
 * @example
 * ```ts
 * if (error instanceof ArchiveError && error.code === ("E_ARCHIVE_LOCKED" satisfies ArchiveErrorCode)) retryLater();
 * ```
 */
export type ArchiveErrorCode =
  /** Another sync holds the archive's lock. */
  | "E_ARCHIVE_LOCKED"
  /** A file of the archive cannot be read as Parquet (truncated, overwritten, not Parquet at all). */
  | "E_ARCHIVE_CORRUPT"
  /** A file or folder in the archive that the kit did not write (wrong columns, unknown name). */
  | "E_ARCHIVE_FOREIGN"
  /** The archive folder does not exist or has no data yet. */
  | "E_ARCHIVE_MISSING"
  /** A watermark in `manifest.json` is malformed, or lies after the sync's "now". */
  | "E_ARCHIVE_WATERMARK"
  /** The archive holds another source's data for a system, and no deliberate change was asked for. */
  | "E_ARCHIVE_SOURCE"
  /** A file or folder inside the archive is a symbolic link: writing through it could leave the archive. */
  | "E_ARCHIVE_SYMLINK"
  /** A Parquet file's SHA-256 differs from the one recorded in `manifest.json`: the file was damaged or changed. */
  | "E_ARCHIVE_CHECKSUM"
  /** The file system refused a read or write (disk full, read-only, no permission, a file in the way). */
  | "E_ARCHIVE_IO"
  /** A report asked to collect more archived events than fit in memory (KIT_ARCHIVE_MAX_EVENTS): read them as a summary. */
  | "E_ARCHIVE_TOO_LARGE";

/**
 * A problem with a local Parquet archive: locked by another sync, a corrupt or foreign file,
 * a missing folder. `path` names the file or folder at fault so the user can look at it.
 *
 * @example
 * ```ts
 * err.message
 * //=> "Archive file is not readable Parquet: /data/archive/anaplan/events/date=2026-11-01/part-00000.parquet (…). Restore it from a backup, or delete it and run the sync again while the API still holds that day."
 * ```
 */
export class ArchiveError extends KitError {
  override name = "ArchiveError";
  /** The file or folder at fault. */
  readonly path: string;

  constructor(code: ArchiveErrorCode, message: string, path: string, options: { cause?: unknown } = {}) {
    super(code, message, options);
    this.path = path;
  }
}
