/**
 * `epm-audit-kit/archive`: a local history of audit data beyond the APIs' retention: sync it,
 * read it back as frames, export frames as Parquet or CSV.
 *
 * To make a name public: add it to the list below, run `npm run api:update`, commit the report.
 *
 * @packageDocumentation
 */

export type { EpmReportName } from "../epm/epm-report-definitions.js";
export { type ArchiveEvidence, archiveEvidence } from "../evidence/archive-evidence.js";
export type {
  EvidenceChainEntry,
  EvidenceFile,
  EvidenceManifest,
  EvidenceSource,
} from "../evidence/evidence-manifest.js";
export { type EvidenceVerification, verifyEvidencePack } from "../evidence/verify-evidence-pack.js";
export {
  canonicalJson,
  EVIDENCE_CHAIN_FILE,
  type EvidencePackSource,
  readEvidenceChain,
  type WriteEvidencePackOptions,
  writeEvidencePack,
} from "../evidence/write-evidence-pack.js";
export type { Instant } from "../frames/time-window.js";
export type {
  ArchiveCoverage,
  CoverageGap,
  CoverageGapReason,
  CoverageSpan,
  DatasetCoverage,
  HistoryCoverage,
  SnapshotCoverage,
} from "./archive-coverage.js";
export {
  ARCHIVE_DATASETS,
  type ArchiveDataset,
  type ArchiveDatasetName,
  type DailyDataset,
  type FrameSchema,
  type SnapshotDataset,
} from "./archive-datasets.js";
export { ArchiveError, type ArchiveErrorCode } from "./archive-error.js";
export type {
  ArchiveDatasetState,
  ArchiveFileRecord,
  ArchiveGap,
  ArchiveManifest,
  ArchiveOrigin,
  ArchiveOriginChange,
} from "./archive-manifest.js";
export { archiveSchemaDoc } from "./archive-schema-doc.js";
export type { ArchiveAnaplanSource, ArchiveEpmDateRange, ArchiveEpmSource } from "./archive-sources.js";
export {
  type ArchiveSummary,
  type ArchiveSummaryOptions,
  archiveSummary,
  type SummarizeArchiveFramesOptions,
  summarizeArchiveFrames,
} from "./archive-summary.js";
export { ACCESS_CHANGE_CODES, PRIVILEGED_EVENT_COLUMNS } from "./archive-summary-plans.js";
export {
  ARCHIVE_TABLE_NAMES,
  archiveDdl,
  partitionColumn,
  QUERY_ENGINES,
  type QueryEngine,
  sqlType,
} from "./engine-ddl.js";
export { type ExportFormat, type ExportFrameOptions, exportFrame } from "./export-frame.js";
export { FORMULA_LEADING, neutraliseFormulas } from "./neutralise-formulas.js";
export { MAX_LIST_KEYS, MAX_OBJECT_BYTES, type ObjectStore } from "./object-store/object-store.js";
export { ObjectStoreError, type ObjectStoreErrorReason } from "./object-store/object-store-error.js";
export {
  type ObjectArchiveFrames,
  readArchiveAt,
  readObjectArchive,
} from "./object-store/read-object-archive.js";
export { createS3ObjectStore } from "./object-store/s3-object-store.js";
export { isS3Uri, parseS3Uri, type S3Uri } from "./object-store/s3-uri.js";
export { type SyncObjectArchiveOptions, syncObjectArchive } from "./object-store/sync-object-archive.js";
export {
  type ArchiveFrames,
  type EntitlementSnapshotCoverage,
  type ReadArchiveOptions,
  readArchive,
} from "./read-archive.js";
export type { DatasetSyncCounts } from "./sync-anaplan-events.js";
export { type SyncArchiveOptions, type SyncArchiveResult, syncArchive } from "./sync-archive.js";
export type { SyncProgress, SyncStep } from "./sync-progress.js";
export {
  type PrivilegedTables,
  type WritePrivilegedTablesOptions,
  writePrivilegedTables,
} from "./write-privileged-tables.js";
