#!/usr/bin/env node
import { stat } from "node:fs/promises";
import { extname } from "node:path";
import { parseArgs } from "node:util";
import { type ExportFormat, exportFrame } from "../archive/export-frame.js";
import { isKitError } from "../errors/kit-error.js";
import { openArchiveCliSources } from "./archive-cli-sources.js";
import { EXPORT_FRAMES, type ExportFrameName, loadExportFrame } from "./export-frames.js";
import { runIfMain } from "./run-if-main.js";

const HELP = `npm run export -- FRAME --out FILE [--format parquet|csv] [--archive DIR]
                       [--from DATE] [--to DATE] [--days N]

Writes one of the kit's frames to a Parquet or CSV file, for people who take the data elsewhere.
CSV: UTF-8 with a header; times in ISO 8601 UTC (2026-11-01T08:15:00.000Z).

FRAME: ${Object.keys(EXPORT_FRAMES).join(", ")}

From the live APIs by default (your tenants from ANAPLAN_* / EPM_* variables, else the built-in
simulator, said so; see npm run sync -- --help), or from a local archive with --archive DIR,
which reaches back beyond the APIs' retention. Snapshot frames (users, role-assignments,
user-groups) give the state nearest the end of the range.

  --out FILE          the file to write (written atomically; the folder is created)
  --format F          parquet or csv (default: from the file extension, else parquet)
  --archive DIR       read from this archive instead of the APIs
  --from DATE         start (YYYY-MM-DD, a UTC day, or an ISO time; UTC without a zone)
  --to DATE           end; a bare date includes that day; default: now
  --days N            without --from/--to: the N complete UTC days before today (default 30)
  -h, --help          this text
`;

interface ExportArgs {
  out?: string;
  format?: string;
  archive?: string;
  from?: string;
  to?: string;
  days?: string;
  help: boolean;
}

/**
 * `npm run export`: writes a frame (events, users, joined, an EPM report) to Parquet or CSV,
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
  let args: ExportArgs;
  let frame: ExportFrameName;
  let format: ExportFormat;
  try {
    const parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        out: { type: "string" },
        format: { type: "string" },
        archive: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        days: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    });
    args = parsed.values as ExportArgs;
    if (args.help) {
      print(HELP);
      return 0;
    }
    const name = parsed.positionals[0];
    if (!name || !(name in EXPORT_FRAMES) || parsed.positionals.length > 1) {
      throw new Error(
        `Give one FRAME of: ${Object.keys(EXPORT_FRAMES).join(", ")} (got ${parsed.positionals.join(" ") || "none"})`,
      );
    }
    frame = name as ExportFrameName;
    if (!args.out) throw new Error("--out FILE is required");
    const fmt = args.format ?? (extname(args.out).toLowerCase() === ".csv" ? "csv" : "parquet");
    if (fmt !== "parquet" && fmt !== "csv") throw new Error(`--format takes parquet or csv, got ${fmt}`);
    format = fmt;
    if (args.days !== undefined && !(Number(args.days) > 0))
      throw new Error(`--days takes a number > 0, got ${args.days}`);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${HELP}`);
    return 2;
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
    });
    const path = await exportFrame(data, { format, out: args.out });
    const size = (await stat(path)).size;
    print(`Wrote ${frame} to ${path} (${format}, ${(size / 1024).toFixed(1)} KiB).`);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`export failed${isKitError(error) ? ` (${error.code})` : ""}: ${message}\n`);
    return 1;
  } finally {
    await sources?.close();
  }
}

runIfMain(import.meta.url, "export", (argv) => exportCommand(argv));
