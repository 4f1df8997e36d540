import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import pl from "nodejs-polars";
import { AnaplanClient, type AnaplanClientOptions } from "../anaplan/anaplan-client.js";
import { ANAPLAN_EVENT_TYPES } from "../frames/anaplan-event-types.js";
import { topUsers } from "../frames/top-users.js";
import { withUsers } from "../frames/with-users.js";
import type { DemoContext } from "./demo-context.js";

/** Row counts of the Anaplan part of the demo. */
export interface AnaplanDemoResult {
  events: number;
  users: number;
  failedLogins: number;
  files: string[];
}

/**
 * The Anaplan part of `epm-audit-kit demo`: fetches the window (or the last `days`) of audit events and the users,
 * joins them, prints a short summary and writes Parquet and CSV files to `outDir`.
 *
 * @param context - output directory, printer, simulator, days
 * @param options - client options (real tenant or simulator)
 * @returns the row counts and the files written
 * @example
 * ```ts
 * await runAnaplanDemo({ outDir: "out", print: console.log, sim, days: 14 }, sim.anaplan.clientOptions);
 * ```
 */
export async function runAnaplanDemo(
  context: DemoContext,
  options: AnaplanClientOptions,
): Promise<AnaplanDemoResult> {
  const { print } = context;
  const anaplan = new AnaplanClient(options);
  try {
    const started = performance.now();
    const [events, users] = await Promise.all([
      anaplan.audit.getEvents(context.window ?? context.days),
      anaplan.audit.listUsers(),
    ]);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const joined = withUsers(events, users);
    print(`Anaplan: ${events.height} audit events and ${users.height} users fetched in ${seconds} s`);
    if (events.height > 0) {
      const dates = events.getColumn("eventDate");
      print(`  events from ${iso(dates.min())} to ${iso(dates.max())}`);
    }
    const active = users.filter(pl.col("active")).height;
    print(`  users: ${users.height} (${active} active)`);
    const unmatched = joined.filter(pl.col("email").isNull()).height;
    print(`  events without a matching user (INTERNAL_* ids, deleted users): ${unmatched}`);
    print("  top event types:");
    const types = events
      .groupBy("eventTypeId")
      .agg(pl.len().alias("events"))
      .sort(["events", "eventTypeId"], [true, false])
      .head(5);
    for (const row of types.toRecords()) print(`    ${pad(String(row.eventTypeId), 14)} ${row.events}`);
    const failure = ANAPLAN_EVENT_TYPES.signInFailure;
    const failedLogins = events.filter(pl.col("eventTypeId").eq(pl.lit(failure))).height;
    print(`  failed logins (${failure}): ${failedLogins}`);
    if (failedLogins > 0) {
      print("  top failing users:");
      for (const row of topUsers(joined, { n: 5, eventTypeIds: [failure] }).toRecords()) {
        const who = row.email ?? `${row.userId} (no matching user)`;
        print(`    ${pad(String(who), 40)} ${row.events}`);
      }
    }
    await mkdir(context.outDir, { recursive: true });
    const files = [
      write(events, join(context.outDir, "anaplan-events.parquet")),
      write(users, join(context.outDir, "anaplan-users.parquet")),
      write(joined, join(context.outDir, "anaplan-events-with-users.parquet")),
      write(joined, join(context.outDir, "anaplan-events-with-users.csv")),
    ];
    print(`  wrote ${files.join(", ")}`);
    return { events: events.height, users: users.height, failedLogins, files };
  } finally {
    await anaplan.close();
  }
}

function write(frame: pl.DataFrame, path: string): string {
  if (path.endsWith(".csv")) frame.writeCSV(path);
  else frame.writeParquet(path);
  return path;
}

/** A Datetime series' min/max (a Date, or epoch ms depending on the Polars binding) as ISO text. */
function iso(value: unknown): string {
  const date = value instanceof Date ? value : new Date(Number(value));
  return Number.isNaN(date.getTime()) ? String(value) : date.toISOString();
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}
