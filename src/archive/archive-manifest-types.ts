import type { ArchiveDatasetName } from "./archive-datasets.js";

// The manifest's types, apart from the code that reads and writes it, so the checks
// (check-manifest.ts) and the reader import them without an import cycle.

/** The manifest's format tag. */
export const ARCHIVE_MANIFEST_FORMAT = "epm-audit-kit-archive";

/**
 * A span of time the archive could not cover because the API no longer held it.
 *
 * @example
 * ```ts
 * const gap: ArchiveGap = { from: "2026-02-10", to: "2026-02-12" };
 * ```
 */
export interface ArchiveGap {
  /** ISO instant, included. */
  from: string;
  /** ISO instant, excluded. */
  to: string;
}

/**
 * What the archive holds of one dataset.
 *
 * @example
 * ```ts
 * const state: ArchiveDatasetState = { coveredFrom: "2026-01-01", coveredTo: "2026-03-31", gaps: [] };
 * ```
 */
export interface ArchiveDatasetState {
  /** History datasets: the first instant covered (ISO). @default undefined */
  coveredFrom?: string;
  /** History datasets: everything before this instant (ISO) that the API returned is archived. @default undefined */
  coveredTo?: string;
  /** Snapshot datasets: the day of the latest snapshot (YYYY-MM-DD). @default undefined */
  lastSnapshot?: string;
  /** Spans lost because no sync ran while the API still held them. @default undefined */
  gaps?: ArchiveGap[];
  /** Snapshots a sync could not take (the call failed): the day and why; the day has no snapshot. */
  failedSnapshots?: Array<{ day: string; reason: string }>;
  /** Entitlement snapshots: the UTC day from which derived (event-replayed) roles are complete. */
  derivedCompleteFrom?: string;
}

/**
 * Where an archive's data comes from, per system (e.g. "simulator (seed 1)" or a tenant URL).
 *
 * @example
 * ```ts
 * const origin: ArchiveOrigin = { anaplan: "https://audit.anaplan.com", epm: "https://epm.example.oraclecloud.com" };
 * ```
 */
export type ArchiveOrigin = Partial<Record<"anaplan" | "epm", string>>;

/**
 * A deliberate change of a system's source (`changeSource: true`), kept for provenance.
 *
 * @example
 * ```ts
 * const change: ArchiveOriginChange = { system: "epm", from: "https://old.example.com", to: "https://new.example.com", at: "2026-03-01T00:00:00.000Z" };
 * ```
 */
export interface ArchiveOriginChange {
  system: "anaplan" | "epm";
  /** The source recorded before. */
  from: string;
  /** The source recorded from then on. */
  to: string;
  /** The sync's "now" (ISO) when the change was recorded. */
  at: string;
}

/**
 * The recorded SHA-256 of one Parquet file. While a sync replaces the file, the record is
 * written first with `unconfirmed: true` (and the replaced file's checksum as
 * `previousSha256`), and confirmed once the file is in place; a reader accepts either
 * checksum of an unconfirmed record, and the next sync settles it.
 *
 * @example
 * ```ts
 * const record: ArchiveFileRecord = { sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" };
 * ```
 */
export interface ArchiveFileRecord {
  /** Lowercase hex SHA-256 of the file's bytes. */
  sha256: string;
  /** Set while the file may still hold its previous content. @default undefined */
  unconfirmed?: true;
  /** The checksum of the content being replaced, when `unconfirmed`. @default undefined */
  previousSha256?: string;
}

/**
 * The archive's `manifest.json`: the watermarks, moved only after the data they cover is durable.
 *
 * @example
 * ```ts
 * const manifest: ArchiveManifest = frames.manifest;
 * console.log(manifest.datasets.events?.coveredTo);
 * ```
 */
export interface ArchiveManifest {
  format: typeof ARCHIVE_MANIFEST_FORMAT;
  version: 1;
  /**
   * The source each system's data was synced from; a sync from another source is refused
   * unless `changeSource` is set. Recorded only once that system's data is written.
   * @default undefined
   */
  origin?: ArchiveOrigin;
  /** Deliberate source changes, oldest first. @default undefined */
  originChanges?: ArchiveOriginChange[];
  datasets: Partial<Record<ArchiveDatasetName, ArchiveDatasetState>>;
  /**
   * SHA-256 of every Parquet file, by its path relative to the archive (`/`-separated).
   * Absent in archives written before checksums existed (kit versions before this field, or
   * a manifest that was deleted): their files are unverified until the next sync records them.
   * @default undefined
   */
  files?: Record<string, ArchiveFileRecord>;
}
