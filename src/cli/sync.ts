#!/usr/bin/env node
import { parseArgs } from "node:util";
import { type SyncArchiveResult, syncArchive } from "../archive/sync-archive.js";
import { isKitError } from "../errors/kit-error.js";
import { openArchiveCliSources } from "./archive-cli-sources.js";
import { runIfMain } from "./run-if-main.js";

const HELP = `npm run sync -- --archive DIR [--wait SECONDS] [--overlap-hours H] [--since YYYY-MM-DD] [--verbose]

Brings a local Parquet archive up to date, so history outlives the APIs' retention (Anaplan
keeps audit events 30 days, Oracle EPM 90-120 days). Run it at least every few weeks, e.g. daily
from cron. Each run adds only what is new; killing it at any moment is safe (run it again).

  Anaplan:    audit events since the last sync (minus an overlap for late events), users snapshot
  Oracle EPM: group/role assignment audit, invalid logins, user logins since the last covered
              day; snapshots of role assignments and user groups

The first run takes everything the APIs still hold. Layout (hive-style, readable by DuckDB,
Spark, Trino): DIR/anaplan/events/date=YYYY-MM-DD/part-00000.parquet, DIR/anaplan/users/
snapshot=YYYY-MM-DD/…, DIR/epm/<report>/date=…/…, plus DIR/manifest.json (watermarks).

With these environment variables set it syncs your tenants; with none set it uses the built-in
simulator (seed 1) and says so. The archive remembers its source and refuses another.
  ANAPLAN_EMAIL + ANAPLAN_PASSWORD, or ANAPLAN_CERTIFICATE + ANAPLAN_PRIVATE_KEY
  [+ ANAPLAN_PASSPHRASE], or ANAPLAN_TOKEN; optional ANAPLAN_AUTH_URL, ANAPLAN_AUDIT_URL,
  ANAPLAN_API_URL.   EPM_URL + EPM_USERNAME + EPM_PASSWORD, or EPM_URL + EPM_TOKEN.

  --archive DIR       the archive folder (created on the first run)
  --wait SECONDS      wait this long for another running sync to finish (default 5)
  --overlap-hours H   ask again for the last H hours before the watermark (default 2)
  --since DATE        fetch nothing older than DATE, even on the first run
  --verbose           print every partition written
  -h, --help          this text
`;

interface SyncArgs {
  archive?: string;
  wait: string;
  "overlap-hours": string;
  since?: string;
  verbose: boolean;
  help: boolean;
}

/**
 * `npm run sync`: {@link syncArchive} from the command line.
 *
 * @param argv - arguments after the script
 * @param env - environment variables. @default process.env
 * @param print - where lines go. @default stdout
 * @returns the exit code: 0 done, 1 failed, 2 bad usage
 * @example
 * ```ts
 * process.exitCode = await sync(["--archive", "archive"]);
 * ```
 */
export async function sync(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  print: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<number> {
  let args: SyncArgs;
  try {
    args = parseArgs({
      args: argv,
      options: {
        archive: { type: "string" },
        wait: { type: "string", default: "5" },
        "overlap-hours": { type: "string", default: "2" },
        since: { type: "string" },
        verbose: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }).values as SyncArgs;
    if (args.help) {
      print(HELP);
      return 0;
    }
    if (!args.archive) throw new Error("--archive DIR is required");
    for (const name of ["wait", "overlap-hours"] as const) {
      if (!(Number(args[name]) >= 0)) throw new Error(`--${name} takes a number >= 0, got ${args[name]}`);
    }
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const sources = await openArchiveCliSources(env);
  try {
    for (const line of sources.description) print(line);
    const result = await syncArchive({
      archive: args.archive,
      ...(sources.anaplan ? { anaplan: sources.anaplan } : {}),
      ...(sources.epm ? { epm: sources.epm } : {}),
      now: sources.now,
      overlapMs: Number(args["overlap-hours"]) * 3_600_000,
      lockWaitMs: Number(args.wait) * 1000,
      origin: sources.origin,
      ...(args.since ? { since: args.since } : {}),
      onProgress: (p) => {
        if (p.step === "warning") print(`warning: ${p.message}`);
        else if (args.verbose && (p.step === "partition-written" || p.step === "snapshot-written"))
          print(p.message);
      },
    });
    for (const line of summary(result)) print(line);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`sync failed${isKitError(error) ? ` (${error.code})` : ""}: ${message}\n`);
    return 1;
  } finally {
    await sources.close();
  }
}

/** One line per dataset: what was fetched and what was new. */
function summary(result: SyncArchiveResult): string[] {
  const lines = [`Archive ${result.archive} synced up to ${result.now}:`];
  for (const [name, counts] of Object.entries(result.history)) {
    const range = counts.from ? ` (${counts.from} .. ${counts.to})` : "";
    lines.push(`  ${name}: +${counts.added} new of ${counts.fetched} fetched${range}`);
  }
  for (const [name, snap] of Object.entries(result.snapshots)) {
    lines.push(`  ${name}: snapshot of ${snap.snapshot}, ${snap.rows} rows`);
  }
  if (result.removedTempFiles.length > 0) {
    lines.push(`  removed ${result.removedTempFiles.length} temporary file(s) of an interrupted run`);
  }
  return lines;
}

runIfMain(import.meta.url, "sync", (argv) => sync(argv));
