import type { ArchiveDatasetName } from "./archive-datasets.js";

/**
 * What a sync reports as it goes, in order. `onProgress` is awaited for every step, so a
 * caller can log, throttle, or (in tests) stop the process at an exact point.
 *
 * @example
 * ```ts
 * const onProgress = (progress: SyncProgress) => console.log(progress.step, progress.message);
 * ```
 */
export type SyncProgress = { message: string } & (
  | { step: "locked"; archive: string }
  | { step: "cleaned"; removed: string[] }
  | { step: "fetched"; dataset: ArchiveDatasetName; from: string; to: string; rows: number }
  | { step: "temp-written"; dataset: ArchiveDatasetName | "manifest"; file: string }
  | { step: "checksums-recorded"; dataset: ArchiveDatasetName; files: string[] }
  | { step: "partition-written"; dataset: ArchiveDatasetName; partition: string; rows: number; added: number }
  | { step: "watermark"; dataset: ArchiveDatasetName; coveredTo: string }
  | { step: "snapshot-written"; dataset: ArchiveDatasetName; snapshot: string; rows: number }
  | { step: "warning"; dataset?: ArchiveDatasetName }
);

/**
 * The step names of {@link SyncProgress}.
 *
 * @example
 * ```ts
 * const step: SyncStep = "watermark";
 * ```
 */
export type SyncStep = SyncProgress["step"];
