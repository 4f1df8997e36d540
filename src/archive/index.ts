/**
 * `epm-audit-kit/archive`: a local history of audit data beyond the APIs' retention: sync it,
 * read it back as frames, export frames as Parquet or CSV.
 *
 * To make a name public: add it to the list below, run `npm run api:update`, commit the report.
 *
 * @packageDocumentation
 */

export type { EpmReportName } from "../epm/epm-report-definitions.js";
export type { Instant } from "../frames/time-window.js";
export {
  ARCHIVE_DATASETS,
  type ArchiveDataset,
  type ArchiveDatasetName,
  type DailyDataset,
  type FrameSchema,
  type SnapshotDataset,
} from "./archive-datasets.js";
export { ArchiveError, type ArchiveErrorCode } from "./archive-error.js";
export type { ArchiveDatasetState, ArchiveGap, ArchiveManifest, ArchiveOrigin } from "./archive-manifest.js";
export type { ArchiveAnaplanSource, ArchiveEpmDateRange, ArchiveEpmSource } from "./archive-sources.js";
export { type ExportFormat, type ExportFrameOptions, exportFrame } from "./export-frame.js";
export { type ArchiveFrames, type ReadArchiveOptions, readArchive } from "./read-archive.js";
export type { DatasetSyncCounts } from "./sync-anaplan-events.js";
export { type SyncArchiveOptions, type SyncArchiveResult, syncArchive } from "./sync-archive.js";
export type { SyncProgress, SyncStep } from "./sync-progress.js";
