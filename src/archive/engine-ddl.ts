import type { DataType } from "nodejs-polars";
import { ValidationError } from "../errors/validation-error.js";
import { ARCHIVE_DATASETS, type ArchiveDataset, type ArchiveDatasetName } from "./archive-datasets.js";

/**
 * The query engines `epm-audit-kit ddl` writes table definitions for.
 *
 * @example
 * ```ts
 * const engine: QueryEngine = "duckdb";
 * ```
 */
export type QueryEngine = "duckdb" | "spark" | "trino";

/**
 * The engines, for `--help` and checks.
 *
 * @example
 * ```ts
 * QUERY_ENGINES.includes("duckdb") //=> true
 * ```
 */
export const QUERY_ENGINES: readonly QueryEngine[] = Object.freeze(["duckdb", "spark", "trino"]);

/**
 * SQL table names of the datasets: the system, then the dataset in snake case.
 *
 * @example
 * ```ts
 * ARCHIVE_TABLE_NAMES.events //=> "anaplan_events"
 * ```
 */
export const ARCHIVE_TABLE_NAMES: Readonly<Record<ArchiveDatasetName, string>> = Object.freeze({
  events: "anaplan_events",
  users: "anaplan_users",
  groupAssignmentAudit: "epm_group_assignment_audit",
  roleAssignmentAudit: "epm_role_assignment_audit",
  invalidLogins: "epm_invalid_logins",
  userLogins: "epm_user_logins",
  roleAssignments: "epm_role_assignments",
  userGroups: "epm_user_groups",
  anaplanEntitlements: "anaplan_entitlements",
  epmEntitlements: "epm_entitlements",
});

const TYPES: Record<QueryEngine, Record<string, string>> = {
  duckdb: {
    String: "VARCHAR",
    Utf8: "VARCHAR",
    Bool: "BOOLEAN",
    Datetime: "TIMESTAMPTZ",
    Date: "DATE",
    Int64: "BIGINT",
    UInt32: "UINTEGER",
  },
  spark: {
    String: "STRING",
    Utf8: "STRING",
    Bool: "BOOLEAN",
    Datetime: "TIMESTAMP",
    Date: "DATE",
    Int64: "BIGINT",
    UInt32: "BIGINT",
  },
  trino: {
    String: "VARCHAR",
    Utf8: "VARCHAR",
    Bool: "BOOLEAN",
    Datetime: "TIMESTAMP(3) WITH TIME ZONE",
    Date: "DATE",
    Int64: "BIGINT",
    UInt32: "BIGINT",
  },
};

/**
 * The partition column of a dataset: `date` for daily datasets, `snapshot` for snapshots (both
 * DATE, from the `key=YYYY-MM-DD` folder names).
 *
 * @param dataset - an archive dataset
 * @returns the column name
 * @example
 * ```ts
 * partitionColumn(ARCHIVE_DATASETS.users) //=> "snapshot"
 * ```
 */
export function partitionColumn(dataset: ArchiveDataset): "date" | "snapshot" {
  return dataset.kind === "daily" ? "date" : "snapshot";
}

/**
 * The SQL type of a column in an engine. Times are Parquet INT64 TIMESTAMP(MILLIS) adjusted to
 * UTC (never nanoseconds), ids are text.
 *
 * @param engine - the engine
 * @param dtype - the column's Polars type
 * @returns the SQL type
 * @throws {@link ValidationError} for a type the archive never writes
 * @example
 * ```ts
 * sqlType("trino", pl.Datetime("ms", "UTC")) //=> "TIMESTAMP(3) WITH TIME ZONE"
 * ```
 */
export function sqlType(engine: QueryEngine, dtype: DataType): string {
  const type = TYPES[engine][String((dtype as unknown as { variant: string }).variant)];
  if (!type) throw new ValidationError(`No ${engine} type for the Polars type ${String(dtype)}.`);
  return type;
}

/**
 * Table definitions for an archive, one per dataset, each over its own folder and its own
 * partition key (`date=YYYY-MM-DD` for history, `snapshot=YYYY-MM-DD` for snapshots), so no glob
 * mixes the two.
 *
 * - DuckDB: views over `read_parquet(…, hive_partitioning = true)`.
 * - Spark: external Parquet tables partitioned by the key, then `MSCK REPAIR TABLE`.
 * - Trino (Hive connector): external tables with `partitioned_by`, then `sync_partition_metadata`.
 *
 * @param engine - `duckdb`, `spark` or `trino`
 * @param location - the archive's location as the engine sees it (a folder, or `s3://bucket/prefix`)
 * @param options - the schema (Spark/Trino) to create the tables in. @default { schema: "epm_audit" }
 * @returns the SQL text, statements separated by `;` and blank lines
 * @throws {@link ValidationError} for an unknown engine or a location with a quote
 * @example
 * ```ts
 * archiveDdl("duckdb", "/data/archive").split("\n")[0]
 * //=> "CREATE OR REPLACE VIEW anaplan_events AS"
 * ```
 */
export function archiveDdl(engine: QueryEngine, location: string, options: { schema?: string } = {}): string {
  if (!QUERY_ENGINES.includes(engine)) {
    throw new ValidationError(
      `--engine takes ${QUERY_ENGINES.join(", ")}, got "${String(engine).slice(0, 40)}".`,
    );
  }
  if (/['\n\r]/.test(location))
    throw new ValidationError("The archive location cannot contain quotes or line breaks.");
  const schema = options.schema ?? "epm_audit";
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(schema))
    throw new ValidationError(`--schema must be an SQL name, got "${schema.slice(0, 40)}".`);
  const base = location.replace(/\/+$/, "");
  const statements = (Object.keys(ARCHIVE_DATASETS) as ArchiveDatasetName[]).map((name) => {
    const dataset = ARCHIVE_DATASETS[name] as ArchiveDataset;
    const table = ARCHIVE_TABLE_NAMES[name];
    const key = partitionColumn(dataset);
    const path = `${base}/${dataset.path}`;
    const columns = Object.entries(dataset.schema).map(
      ([column, dtype]) => `  ${quote(engine, column)} ${sqlType(engine, dtype)}`,
    );
    if (engine === "duckdb") {
      return [
        `CREATE OR REPLACE VIEW ${table} AS`,
        `SELECT * FROM read_parquet('${path}/*/*.parquet', hive_partitioning = true, hive_types = {'${key}': DATE});`,
      ].join("\n");
    }
    if (engine === "spark") {
      return [
        `CREATE TABLE IF NOT EXISTS ${schema}.${table} (`,
        [...columns, `  ${key} DATE`].join(",\n"),
        `) USING PARQUET PARTITIONED BY (${key}) LOCATION '${path}';`,
        `MSCK REPAIR TABLE ${schema}.${table};`,
      ].join("\n");
    }
    return [
      `CREATE TABLE IF NOT EXISTS ${schema}.${table} (`,
      [...columns, `  ${key} DATE`].join(",\n"),
      `) WITH (format = 'PARQUET', partitioned_by = ARRAY['${key}'], external_location = '${path}');`,
      `CALL system.sync_partition_metadata('${schema}', '${table}', 'ADD');`,
    ].join("\n");
  });
  const header = `-- epm-audit-kit archive tables for ${engine}: one table per dataset, times are UTC (Parquet INT64 TIMESTAMP(MILLIS)), ids are text.\n`;
  const setup =
    engine === "duckdb"
      ? "SET TimeZone = 'UTC';\n\n"
      : engine === "spark"
        ? `CREATE DATABASE IF NOT EXISTS ${schema};\n\n`
        : "";
  return `${header}${setup}${statements.join("\n\n")}\n`;
}

function quote(engine: QueryEngine, column: string): string {
  return engine === "spark" ? `\`${column}\`` : `"${column}"`;
}
