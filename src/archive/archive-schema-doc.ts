import { ARCHIVE_DATASETS, type ArchiveDataset, type ArchiveDatasetName } from "./archive-datasets.js";
import { ARCHIVE_TABLE_NAMES, partitionColumn, sqlType } from "./engine-ddl.js";

/**
 * The archive's schema document (docs/archive-schema.md): per dataset its folder, partition key,
 * and columns with their Parquet, DuckDB, Spark and Trino types. Generated from the datasets'
 * declarations, so it cannot drift from what the archive writes (a test compares the committed
 * file with this output).
 *
 * @returns the Markdown text
 * @example
 * ```ts
 * archiveSchemaDoc().startsWith("# Archive schema") //=> true
 * ```
 */
export function archiveSchemaDoc(): string {
  const parts = [
    "# Archive schema",
    "",
    "Generated from `src/archive/archive-datasets.ts` by `archiveSchemaDoc()`; `epm-audit-kit ddl --engine duckdb|spark|trino` prints the table definitions.",
    "",
    "- One folder per dataset, one partition key per dataset: `date=YYYY-MM-DD` (the UTC day of the row's time) for history, `snapshot=YYYY-MM-DD` (the UTC day the snapshot was taken) for current-state snapshots. No glob should span two datasets.",
    "- Files: `part-*.parquet`, zstd. Times are Parquet `INT64 TIMESTAMP(MILLIS, isAdjustedToUTC=true)`, never nanoseconds. Ids (event ids past 2^53 included) are exact text.",
    "- `manifest.json` at the root is the commit point: watermarks, coverage, gaps, the source and the SHA-256 of every file.",
    "- Entitlement snapshots (`anaplan_entitlements`, `epm_entitlements`): one per source per UTC day a sync ran, who holds what (`person`, `system`, `scope`, `scopeId`, `scopeName`, `right`, `rightType`, `grantedThrough`, `source`). Anaplan rows with `source` = `derived` are tenant/model roles replayed from the archived events, complete from the manifest's `derivedCompleteFrom`. A day equal to the one before is a hard link to its file. A day whose snapshot failed has no partition and is listed in the manifest's `failedSnapshots`.",
  ];
  for (const name of Object.keys(ARCHIVE_DATASETS) as ArchiveDatasetName[]) {
    const dataset = ARCHIVE_DATASETS[name] as ArchiveDataset;
    const key = partitionColumn(dataset);
    parts.push(
      "",
      `## ${ARCHIVE_TABLE_NAMES[name]} (\`${name}\`)`,
      "",
      `Folder \`${dataset.path}/${key}=YYYY-MM-DD/\`, ${dataset.kind === "daily" ? `one partition per UTC day of \`${dataset.dateColumn}\`` : "one partition per snapshot day"}${dataset.kind === "daily" && dataset.key ? `; each \`${dataset.key}\` once` : ""}.`,
      "",
      "| column | Parquet | DuckDB | Spark | Trino |",
      "| --- | --- | --- | --- | --- |",
      ...Object.entries(dataset.schema).map(
        ([column, dtype]) =>
          `| ${column} | ${parquetType(String((dtype as unknown as { variant: string }).variant))} | ${sqlType("duckdb", dtype)} | ${sqlType("spark", dtype)} | ${sqlType("trino", dtype)} |`,
      ),
      `| ${key} (partition) | folder name | DATE | DATE | DATE |`,
    );
  }
  return `${parts.join("\n")}\n`;
}

function parquetType(variant: string): string {
  if (variant === "Datetime") return "INT64 TIMESTAMP(MILLIS, UTC)";
  if (variant === "Bool") return "BOOLEAN";
  if (variant === "String" || variant === "Utf8") return "BYTE_ARRAY (UTF8)";
  return variant;
}
