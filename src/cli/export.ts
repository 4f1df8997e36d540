import { stat } from "node:fs/promises";
import { extname } from "node:path";
import { anaplanOptionsFromEnv } from "../anaplan/options-from-env.js";
import { type ExportFormat, exportFrame } from "../archive/export-frame.js";
import { readInstant } from "../archive/utc-day.js";
import { openArchiveCliSources } from "./archive-cli-sources.js";
import { epmOptionsFromEnv } from "./epm-options-from-env.js";
import { EXPORT_FRAMES, type ExportFrameName, loadExportFrame } from "./export-frames.js";
import { parseCommandArgs } from "./parse-command-args.js";
import { printCommandError } from "./print-command-error.js";
import { TIME_RULE_HELP } from "./time-rule-help.js";
import { UsageError } from "./usage-error.js";

/** `epm-audit-kit export --help`. */
export const EXPORT_HELP = `epm-audit-kit export FRAME --out FILE [--format parquet|csv] [--archive DIR|s3://BUCKET/PREFIX]
                            [--from DATE] [--to DATE] [--days N]

Writes one of the kit's frames to a Parquet or CSV file, for people who take the data elsewhere.
CSV: UTF-8 with a header; times in ISO 8601 UTC (2026-11-01T08:15:00.000Z).

FRAME: ${Object.keys(EXPORT_FRAMES).join(", ")}

From the live APIs by default (your tenants from ANAPLAN_* / EPM_* variables, else the built-in
simulator, said so; see epm-audit-kit sync --help), or from a local archive with --archive DIR,
which reaches back beyond the APIs' retention. Snapshot frames (users, role-assignments,
user-groups) give the state nearest the end of the range; entitlement snapshots
(anaplan-entitlements, epm-entitlements) give every snapshot of the range plus the latest before it,
with a snapshot column (live: the current state).

  --out FILE          the file to write (written atomically; the folder is created)
  --format F          parquet or csv (default: from the file extension, else parquet)
  --archive DIR       read from this archive instead of the APIs (a folder, or s3://BUCKET/PREFIX
                      with the AWS_* variables, see sync --help)
  --from DATE         first day (YYYY-MM-DD, a UTC day) or a timestamp with its zone
  --to DATE           last day, included whole (or a timestamp; --to today includes today so far)
  --days N            without --from: the N complete UTC days before today (default 30)
  --verbose           print the stack trace of an unexpected error
  -h, --help          this text

${TIME_RULE_HELP}`;

interface ExportArgs {
  out?: string;
  format?: string;
  archive?: string;
  from?: string;
  to?: string;
  days?: string;
}

/**
 * `epm-audit-kit export`: writes a frame (events, users, joined, an EPM report) to Parquet or CSV,
 * from the live APIs or from an archive.
 *
 * @param argv - arguments after the script
 * @param env - environment variables. @default process.env
 * @param print - where lines go. @default stdout
 * @returns the exit code: 0 written, 1 failed, 2 bad usage
 * @example
 * ```ts
 * process.exitCode = await exportCommand(["events", "--format", "csv", "--out", "out/events.csv"]);
 * ```
 */
export async function exportCommand(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  print: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<number> {
  const verbose = argv.includes("--verbose");
  let args: ExportArgs;
  let frame: ExportFrameName;
  let format: ExportFormat;
  try {
    const parsed = parseCommandArgs(
      argv,
      {
        out: { type: "string" },
        format: { type: "string" },
        archive: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        days: { type: "string" },
      },
      true,
    );
    if (parsed.help) {
      print(EXPORT_HELP);
      return 0;
    }
    args = parsed.values as ExportArgs;
    frame = frameName(parsed.positionals);
    if (!args.out) throw new UsageError("--out FILE is required.");
    const fmt = args.format ?? (extname(args.out).toLowerCase() === ".csv" ? "csv" : "parquet");
    if (fmt !== "parquet" && fmt !== "csv")
      throw new UsageError(`--format takes parquet or csv, got "${fmt}".`);
    format = fmt;
    checkRange(args);
    // Incomplete credentials are refused before the simulator or any client starts.
    if (!args.archive) {
      anaplanOptionsFromEnv(env);
      epmOptionsFromEnv(env);
    }
  } catch (error) {
    return printCommandError("export", error, { verbose });
  }
  const sources = args.archive ? undefined : await openArchiveCliSources(env);
  try {
    for (const line of sources?.description ?? [`Reading the archive ${args.archive}.`]) print(line);
    const data = await loadExportFrame(frame, {
      archive: args.archive,
      sources,
      from: args.from,
      to: args.to,
      days: args.days === undefined ? undefined : Number(args.days),
      env,
    });
    const path = await exportFrame(data, { format, out: args.out });
    const size = (await stat(path)).size;
    print(`Wrote ${frame} to ${path} (${format}, ${(size / 1024).toFixed(1)} KiB).`);
    return 0;
  } catch (error) {
    return printCommandError("export", error, { verbose });
  } finally {
    await sources?.close();
  }
}

function frameName(positionals: string[]): ExportFrameName {
  const name = positionals[0];
  if (!name || !(name in EXPORT_FRAMES) || positionals.length > 1) {
    throw new UsageError(
      `Give one FRAME of: ${Object.keys(EXPORT_FRAMES).join(", ")} (got ${positionals.join(" ") || "none"}).`,
    );
  }
  return name as ExportFrameName;
}

/** --days a positive number; --from and --to well-formed and in order (checked before anything starts). */
function checkRange(args: ExportArgs): void {
  if (args.days !== undefined && !(Number(args.days) > 0))
    throw new UsageError(`--days takes a number > 0, got "${args.days}".`);
  const from = args.from === undefined ? undefined : readInstant(args.from, "--from");
  const to = args.to === undefined ? undefined : readInstant(args.to, "--to", true);
  if (from !== undefined && to !== undefined && from >= to)
    throw new UsageError(`--from (${args.from}) must be before --to (${args.to}).`);
}
