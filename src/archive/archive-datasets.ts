import type { DataType } from "nodejs-polars";
import { ANAPLAN_EVENT_SCHEMA, ANAPLAN_USER_SCHEMA } from "../anaplan/schemas.js";
import {
  EPM_GROUP_ASSIGNMENT_AUDIT_SCHEMA,
  EPM_INVALID_LOGINS_SCHEMA,
  EPM_ROLE_ASSIGNMENT_AUDIT_SCHEMA,
  EPM_ROLE_ASSIGNMENTS_SCHEMA,
  EPM_USER_GROUPS_SCHEMA,
  EPM_USER_LOGINS_SCHEMA,
} from "../epm/epm-report-schemas.js";
import { ENTITLEMENT_SCHEMA } from "../frames/entitlement-schema.js";

/**
 * A frame schema: column name → Polars type, in column order.
 *
 * @example
 * ```ts
 * const schema: FrameSchema = { userLogin: pl.Utf8, accessDateAndTime: pl.Datetime("ms", "UTC") };
 * ```
 */
export type FrameSchema = Readonly<Record<string, DataType>>;

/**
 * A history dataset: rows partitioned by the UTC day of `dateColumn` (`date=YYYY-MM-DD`).
 *
 * @example
 * ```ts
 * const dataset: DailyDataset = { kind: "daily", path: "epm/user-logins", dateColumn: "accessDateAndTime", schema: EPM_USER_LOGINS_SCHEMA };
 * ```
 */
export interface DailyDataset {
  kind: "daily";
  /** Folder under the archive, e.g. `anaplan/events`. */
  path: string;
  /** The Datetime column whose UTC day picks the partition. */
  dateColumn: string;
  /** Column that identifies a row (deduplication by it); absent: whole rows, as a multiset. */
  key?: string;
  schema: FrameSchema;
}

/**
 * A current-state dataset: one full copy per day it was taken (`snapshot=YYYY-MM-DD`).
 *
 * @example
 * ```ts
 * const dataset: SnapshotDataset = { kind: "snapshot", path: "epm/user-groups", schema: EPM_USER_GROUPS_SCHEMA };
 * ```
 */
export interface SnapshotDataset {
  kind: "snapshot";
  /** Folder under the archive, e.g. `anaplan/users`. */
  path: string;
  schema: FrameSchema;
}

/**
 * Any dataset of the archive.
 *
 * @example
 * ```ts
 * const dataset: ArchiveDataset = ARCHIVE_DATASETS.events;
 * ```
 */
export type ArchiveDataset = DailyDataset | SnapshotDataset;

/**
 * Names of the archive's datasets, as used by {@link readArchive} and the export CLI.
 *
 * @example
 * ```ts
 * const name: ArchiveDatasetName = "roleAssignmentAudit";
 * ```
 */
export type ArchiveDatasetName = keyof typeof ARCHIVE_DATASETS;

/**
 * The datasets an archive holds, with their folders, partitioning and schemas. The layout is
 * plain hive-style Parquet: `<archive>/<path>/date=YYYY-MM-DD/part-00000.parquet` or
 * `<archive>/<path>/snapshot=YYYY-MM-DD/part-00000.parquet`.
 *
 * @example
 * ```ts
 * ARCHIVE_DATASETS.events.path //=> "anaplan/events"
 * ```
 */
export const ARCHIVE_DATASETS = {
  events: {
    kind: "daily",
    path: "anaplan/events",
    dateColumn: "eventDate",
    key: "id",
    schema: ANAPLAN_EVENT_SCHEMA,
  },
  users: { kind: "snapshot", path: "anaplan/users", schema: ANAPLAN_USER_SCHEMA },
  groupAssignmentAudit: {
    kind: "daily",
    path: "epm/group-assignment-audit",
    dateColumn: "dateAndTime",
    schema: EPM_GROUP_ASSIGNMENT_AUDIT_SCHEMA,
  },
  roleAssignmentAudit: {
    kind: "daily",
    path: "epm/role-assignment-audit",
    dateColumn: "dateAndTime",
    schema: EPM_ROLE_ASSIGNMENT_AUDIT_SCHEMA,
  },
  invalidLogins: {
    kind: "daily",
    path: "epm/invalid-logins",
    dateColumn: "dateAndTime",
    schema: EPM_INVALID_LOGINS_SCHEMA,
  },
  userLogins: {
    kind: "daily",
    path: "epm/user-logins",
    dateColumn: "accessDateAndTime",
    schema: EPM_USER_LOGINS_SCHEMA,
  },
  roleAssignments: { kind: "snapshot", path: "epm/role-assignments", schema: EPM_ROLE_ASSIGNMENTS_SCHEMA },
  userGroups: { kind: "snapshot", path: "epm/user-groups", schema: EPM_USER_GROUPS_SCHEMA },
  /** Anaplan entitlements (ENTITLEMENT_SCHEMA), one snapshot per UTC day, derived tenant/model roles included. */
  anaplanEntitlements: { kind: "snapshot", path: "anaplan/entitlements", schema: ENTITLEMENT_SCHEMA },
  /** Oracle EPM entitlements (ENTITLEMENT_SCHEMA), one snapshot per UTC day. */
  epmEntitlements: { kind: "snapshot", path: "epm/entitlements", schema: ENTITLEMENT_SCHEMA },
} as const satisfies Record<string, ArchiveDataset>;

/** The file name of a partition's data. One file per partition, rewritten whole, so names stay deterministic. */
export const PART_FILE = "part-00000.parquet";
