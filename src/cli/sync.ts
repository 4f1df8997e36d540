import { anaplanOptionsFromEnv } from "../anaplan/options-from-env.js";
import { isS3Uri, parseS3Uri } from "../archive/object-store/s3-uri.js";
import { syncObjectArchive } from "../archive/object-store/sync-object-archive.js";
import { type SyncArchiveResult, syncArchive } from "../archive/sync-archive.js";
import { readInstant } from "../archive/utc-day.js";
import { openArchiveCliSources } from "./archive-cli-sources.js";
import { epmOptionsFromEnv } from "./epm-options-from-env.js";
import { parseCommandArgs } from "./parse-command-args.js";
import { printCommandError } from "./print-command-error.js";
import { TIME_RULE_HELP } from "./time-rule-help.js";
import { UsageError } from "./usage-error.js";

/** `epm-audit-kit sync --help`. */
export const SYNC_HELP = `epm-audit-kit sync --archive DIR|s3://BUCKET/PREFIX [--wait SECONDS] [--overlap-hours H] [--since YYYY-MM-DD] [--verbose]

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
simulator (seed 1) and says so; with only one system configured, the other is skipped (never
mixed with simulated data). Credentials without the URL they need are an error. The archive
remembers its source and refuses another.
  ANAPLAN_EMAIL + ANAPLAN_PASSWORD, or ANAPLAN_CERTIFICATE + ANAPLAN_PRIVATE_KEY
  [+ ANAPLAN_PASSPHRASE], or ANAPLAN_TOKEN; optional ANAPLAN_AUTH_URL, ANAPLAN_AUDIT_URL,
  ANAPLAN_API_URL.   EPM_URL + EPM_USERNAME + EPM_PASSWORD, or EPM_URL + EPM_TOKEN.

  --archive DIR       the archive folder (created on the first run), or s3://BUCKET/PREFIX on
                      S3-compatible storage (AWS_ENDPOINT_URL, AWS_REGION, AWS_ACCESS_KEY_ID,
                      AWS_SECRET_ACCESS_KEY [, AWS_SESSION_TOKEN]; manifest written last)
  --wait SECONDS      wait this long for another running sync to finish (default 5)
  --overlap-hours H   ask again for the last H hours before the watermark (default 2)
  --since DATE        fetch nothing older than DATE (a UTC day, or a timestamp), even on the first run
  --verbose           print every partition written (and the stack trace of an unexpected error)
  -h, --help          this text

${TIME_RULE_HELP}`;

/**
 * `epm-audit-kit sync`: {@link syncArchive} from the command line.
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
  const verbose = argv.includes("--verbose");
  let values: Record<string, string | boolean | string[] | undefined>;
  try {
    const args = parseCommandArgs(argv, {
      archive: { type: "string" },
      wait: { type: "string", default: "5" },
      "overlap-hours": { type: "string", default: "2" },
      since: { type: "string" },
    });
    if (args.help) {
      print(SYNC_HELP);
      return 0;
    }
    values = args.values;
    if (!values.archive) throw new UsageError("--archive DIR is required.");
    for (const name of ["wait", "overlap-hours"]) {
      if (!(Number(values[name]) >= 0))
        throw new UsageError(`--${name} takes a number >= 0, got "${values[name]}".`);
    }
    if (isS3Uri(values.archive as string)) parseS3Uri(values.archive as string);
    if (values.since !== undefined) readInstant(values.since as string, "--since");
    // Incomplete credentials are refused before the simulator or any client starts.
    anaplanOptionsFromEnv(env);
    epmOptionsFromEnv(env);
  } catch (error) {
    return printCommandError("sync", error, { verbose });
  }
  const args = {
    archive: values.archive as string,
    wait: values.wait as string,
    "overlap-hours": values["overlap-hours"] as string,
    since: values.since as string | undefined,
    verbose: values.verbose === true,
  };
  const sources = await openArchiveCliSources(env);
  try {
    for (const line of sources.description) print(line);
    const run = isS3Uri(args.archive)
      ? (o: Parameters<typeof syncArchive>[0]) => syncObjectArchive({ ...o, env })
      : syncArchive;
    const result = await run({
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
    if (result.failedSnapshots.length > 0) {
      print(`INCOMPLETE: entitlement snapshot(s) not taken: ${result.failedSnapshots.join("; ")}`);
      return 1;
    }
    return 0;
  } catch (error) {
    return printCommandError("sync", error, { verbose });
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
