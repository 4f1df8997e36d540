import { KitError } from "../errors/kit-error.js";

/** Stable codes of {@link ArchiveError}. */
export type ArchiveErrorCode =
  /** Another sync holds the archive's lock. */
  | "E_ARCHIVE_LOCKED"
  /** A file of the archive cannot be read as Parquet (truncated, overwritten, not Parquet at all). */
  | "E_ARCHIVE_CORRUPT"
  /** A file or folder in the archive that the kit did not write (wrong columns, unknown name). */
  | "E_ARCHIVE_FOREIGN"
  /** The archive folder does not exist or has no data yet. */
  | "E_ARCHIVE_MISSING";

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
