import { readdir } from "node:fs/promises";
import { join } from "node:path";
import pl, { type DataFrame, type LazyDataFrame } from "nodejs-polars";
import { type ArchiveDataset, type FrameSchema, PART_FILE } from "./archive-datasets.js";
import { ArchiveError } from "./archive-error.js";
import { archiveIoError } from "./archive-io-error.js";
import { assertInsideArchive, symlinkError } from "./assert-inside-archive.js";
import { schemaOf, typeText } from "./type-text.js";

/** One partition folder of a dataset and its data file. */
export interface PartitionEntry {
  /** The partition value: the `YYYY-MM-DD` of `date=…` or `snapshot=…`. */
  value: string;
  /** The data file (`…/date=2026-11-01/part-00000.parquet`); absent when the folder is empty. */
  file: string | undefined;
}

const VALUE = /^\d{4}-\d{2}-\d{2}$/;

/** `date` for daily datasets, `snapshot` for snapshots: the hive partition column. */
export function partitionKey(dataset: ArchiveDataset): "date" | "snapshot" {
  return dataset.kind === "daily" ? "date" : "snapshot";
}

/** The folder of one partition, e.g. `<archive>/anaplan/events/date=2026-11-01`. */
export function partitionDir(archive: string, dataset: ArchiveDataset, value: string): string {
  return join(archive, dataset.path, `${partitionKey(dataset)}=${value}`);
}

/**
 * Lists a dataset's partitions, sorted by value. Hidden entries (`.`/`_` prefix: temporary
 * files, `_SUCCESS` markers) are skipped; anything else the kit did not write is refused, and
 * so is a symbolic link anywhere below the archive folder (the kit never reads or writes
 * through one).
 *
 * @param archive - the archive folder's real path
 * @param dataset - which dataset
 * @returns the partitions (empty when the dataset folder does not exist yet)
 * @throws {@link ArchiveError} `E_ARCHIVE_FOREIGN` naming an unexpected file or folder;
 *   `E_ARCHIVE_SYMLINK` naming a link; `E_ARCHIVE_IO` when a folder cannot be read
 * @example
 * ```ts
 * await listPartitions("archive", ARCHIVE_DATASETS.events)
 * //=> [{ value: "2026-11-01", file: "archive/anaplan/events/date=2026-11-01/part-00000.parquet" }, …]
 * ```
 */
export async function listPartitions(archive: string, dataset: ArchiveDataset): Promise<PartitionEntry[]> {
  const root = join(archive, dataset.path);
  const prefix = `${partitionKey(dataset)}=`;
  await assertInsideArchive(archive, root);
  const entries = await readdir(root, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw archiveIoError(error, root, "list");
  });
  const partitions: PartitionEntry[] = [];
  for (const entry of entries) {
    if (isHidden(entry.name)) continue;
    if (entry.isSymbolicLink()) throw symlinkError(join(root, entry.name));
    const value = entry.name.slice(prefix.length);
    if (!entry.isDirectory() || !entry.name.startsWith(prefix) || !VALUE.test(value)) {
      throw foreign(join(root, entry.name), `expected only folders named ${prefix}YYYY-MM-DD here`);
    }
    partitions.push({ value, file: await existingPartitionFile(join(root, entry.name)) });
  }
  return partitions.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

/**
 * The data file of a partition folder, if it has one yet.
 *
 * @param dir - a partition folder
 * @returns its `part-00000.parquet`, or undefined when the folder is missing or empty
 * @throws {@link ArchiveError} `E_ARCHIVE_FOREIGN` naming any other (non-hidden) file in it;
 *   `E_ARCHIVE_SYMLINK` when the data file is a link; `E_ARCHIVE_IO`
 * @example
 * ```ts
 * await existingPartitionFile("archive/anaplan/events/date=2026-11-01") //=> ".../part-00000.parquet"
 * ```
 */
export async function existingPartitionFile(dir: string): Promise<string | undefined> {
  let file: string | undefined;
  const entries = await readdir(dir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw archiveIoError(error, dir, "list");
  });
  for (const entry of entries) {
    if (isHidden(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isSymbolicLink()) throw symlinkError(path);
    if (entry.name !== PART_FILE || !entry.isFile())
      throw foreign(path, `expected only ${PART_FILE} in a partition folder`);
    file = path;
  }
  return file;
}

/**
 * Parses a partition file's bytes whole (for merging; the caller has read and verified them),
 * checked against the dataset's schema and brought to it (columns in order; columns the file
 * predates filled with nulls).
 *
 * @param file - the Parquet file, for messages
 * @param bytes - its content
 * @param schema - the dataset's schema
 * @returns the rows
 * @throws {@link ArchiveError} `E_ARCHIVE_CORRUPT` or `E_ARCHIVE_FOREIGN`, naming the file
 * @example
 * ```ts
 * readPartitionBytes(file, await readFile(file), ARCHIVE_DATASETS.events.schema)
 * ```
 */
export function readPartitionBytes(file: string, bytes: Buffer, schema: FrameSchema): DataFrame {
  const present = checkPartitionFile(file, schema, bytes);
  let df: DataFrame;
  try {
    df = pl.readParquet(bytes);
  } catch (error) {
    throw corrupt(file, error);
  }
  return isExactly(schema, present) ? df : df.select(...conform(schema, present));
}

/**
 * A lazy scan of a partition file, checked against the dataset's schema (footer only) and
 * brought to it like {@link readPartitionFile}.
 *
 * @param file - the Parquet file
 * @param schema - the dataset's schema
 * @returns a LazyDataFrame over the file
 * @throws {@link ArchiveError} `E_ARCHIVE_CORRUPT` or `E_ARCHIVE_FOREIGN`, naming the file
 * @example
 * ```ts
 * scanPartitionFile(".../date=2026-11-01/part-00000.parquet", ARCHIVE_DATASETS.events.schema)
 * ```
 */
export function scanPartitionFile(file: string, schema: FrameSchema): LazyDataFrame {
  const present = checkPartitionFile(file, schema);
  const scan = pl.scanParquet(file);
  // Building expressions costs ~1.5 ms a file in nodejs-polars: only when the file needs it.
  return isExactly(schema, present) ? scan : scan.select(...conform(schema, present));
}

/** Whether the file's columns are the schema's, in the same order. */
function isExactly(schema: FrameSchema, present: string[]): boolean {
  const names = Object.keys(schema);
  return names.length === present.length && names.every((name, i) => present[i] === name);
}

/** Reads the footer and compares the file's columns with the schema; returns the columns present, in file order. */
function checkPartitionFile(file: string, schema: FrameSchema, bytes?: Buffer): string[] {
  let actual: Record<string, unknown>;
  try {
    actual = schemaOf(pl.readParquet(bytes ?? file, { nRows: 0 }));
  } catch (error) {
    throw corrupt(file, error);
  }
  const problems: string[] = [];
  for (const [name, type] of Object.entries(actual)) {
    const expected = schema[name];
    if (!expected) problems.push(`unexpected column ${name}`);
    else if (typeText(type) !== typeText(expected)) {
      problems.push(`column ${name} is ${typeText(type)}, expected ${typeText(expected)}`);
    }
  }
  if (problems.length > 0) {
    throw foreign(file, `its columns do not match this dataset (${problems.slice(0, 5).join("; ")})`);
  }
  return Object.keys(actual);
}

function conform(schema: FrameSchema, present: string[]) {
  return Object.entries(schema).map(([name, type]) =>
    present.includes(name) ? pl.col(name) : pl.lit(null).cast(type).alias(name),
  );
}

function isHidden(name: string): boolean {
  return name.startsWith(".") || name.startsWith("_");
}

function foreign(path: string, why: string): ArchiveError {
  return new ArchiveError(
    "E_ARCHIVE_FOREIGN",
    `Archive holds a file the kit did not write: ${path} (${why}). Move it out of the archive folder and run again.`,
    path,
  );
}

function corrupt(file: string, cause: unknown): ArchiveError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new ArchiveError(
    "E_ARCHIVE_CORRUPT",
    `Archive file is not readable Parquet: ${file} (${detail}). Restore it from a backup, or delete it and run the sync again while the API still holds that day.`,
    file,
    { cause },
  );
}
