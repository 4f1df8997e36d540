import { resolve } from "node:path";
import { archiveDdl, QUERY_ENGINES, type QueryEngine } from "../archive/engine-ddl.js";
import type { CommandIo } from "./findings-command.js";
import { parseCommandArgs } from "./parse-command-args.js";
import { printCommandError } from "./print-command-error.js";
import { TIME_RULE_HELP } from "./time-rule-help.js";
import { UsageError } from "./usage-error.js";

const HELP = `epm-audit-kit ddl --engine duckdb|spark|trino [--archive LOCATION] [--schema NAME]

Prints the table definitions that let a query engine read the archive as it is: one table per
dataset over its own folder and partition key (date=YYYY-MM-DD for history, snapshot=YYYY-MM-DD for
snapshots). DuckDB gets views over read_parquet(..., hive_partitioning = true); Spark external
Parquet tables and MSCK REPAIR TABLE; Trino (Hive connector) external tables and
sync_partition_metadata. Times are UTC (TIMESTAMP WITH TIME ZONE where the engine has it), ids text.

  --engine E          duckdb, spark or trino
  --archive LOCATION  the archive as the engine sees it: a folder (made absolute) or s3://bucket/prefix
                      (default: archive)
  --schema NAME       the schema (database) for Spark and Trino tables (default: epm_audit)

Column types per dataset: docs/archive-schema.md.

  --verbose           the stack trace of an unexpected error
  -h, --help          this text

${TIME_RULE_HELP}`;

/**
 * `epm-audit-kit ddl`: prints the archive's table definitions for a query engine.
 *
 * @param argv - arguments after `ddl`
 * @param io - where to print. @default stdout and stderr
 * @returns 0 printed, 2 bad usage
 * @example
 * ```ts
 * process.exitCode = await ddlCommand(["--engine", "duckdb", "--archive", "archive"]);
 * ```
 */
export async function ddlCommand(
  argv: string[],
  io: CommandIo = { out: (t) => process.stdout.write(t), err: (l) => process.stderr.write(`${l}\n`) },
): Promise<number> {
  try {
    const parsed = parseCommandArgs(argv, {
      engine: { type: "string" },
      archive: { type: "string", default: "archive" },
      schema: { type: "string" },
    });
    const values = parsed.values as Record<string, string | undefined>;
    if (parsed.help) {
      io.out(HELP);
      return 0;
    }
    if (!values.engine || !QUERY_ENGINES.includes(values.engine as QueryEngine)) {
      throw new UsageError(
        `--engine takes ${QUERY_ENGINES.join(", ")}${values.engine ? `, got "${values.engine.slice(0, 40)}"` : ""}.`,
      );
    }
    const archive = values.archive ?? "archive";
    const location = /^[a-z][a-z0-9+.-]*:\/\//i.test(archive) ? archive : resolve(archive);
    io.out(
      archiveDdl(values.engine as QueryEngine, location, values.schema ? { schema: values.schema } : {}),
    );
    return 0;
  } catch (error) {
    return printCommandError("ddl", error, {
      verbose: argv.includes("--verbose"),
      write: (t) => io.err(t.trimEnd()),
    });
  }
}
