/**
 * The two contenders of bench/year-report.ts, each run in its own child process: the kit's
 * year report (`archiveSummary`) and DuckDB answering the same aggregations over the same files.
 * Both return the same {@link YearChecks}, which the parent compares.
 */
import { createReadStream, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance, type DuckDBResultReader } from "@duckdb/node-api";
import type pl from "nodejs-polars";
import { type ArchiveSummary, summarizeArchiveFrames } from "../src/archive/archive-summary.js";
import { ACCESS_CHANGE_CODES } from "../src/archive/archive-summary-plans.js";
import { readArchive } from "../src/archive/read-archive.js";
import { ANAPLAN_ACCESS_CODES } from "../src/frames/access-events.js";

type Row = Array<string | number | null>;

/** Numbers both contenders must agree on. */
export interface YearChecks {
  totals: { events: number; failures: number; users: number };
  /** Per day: day, events, users, failures. */
  days: Row[];
  /** eventTypeId, events; most first. */
  eventsByType: Row[];
  /** The 20 most active users: userId, events, failures, eventTypes, lastEvent (ms). */
  topUsers: Row[];
  /** The 10 users with the most failed sign-ins (USR-9): userId, events, lastEvent (ms). */
  failedSignIns: Row[];
  /** The 10 most touched objects: objectId, events, users. */
  topObjects: Row[];
  signIns: { accounts: number; successes: number; failures: number; top: Row[] };
  lastSignIns: { accounts: number; signIns: number; latest: number | null };
  lastSignInEventRows: number;
  accessChanges: number;
  privilegedRows: number;
  /** month, users. */
  activeUsersByMonth: Row[];
  usersSnapshotRows: number;
}

interface Task {
  dir: string;
  from: string;
  to: string;
}

interface TaskResult {
  openMs?: number;
  timings: Record<string, number>;
  checks: YearChecks;
}

const ms = (v: unknown): number | null => (v instanceof Date ? v.getTime() : v == null ? null : Number(v));
const dayText = (v: unknown): string => (v as Date).toISOString().slice(0, 10);

/** (k) The kit's year report: readArchive (SHA-256 of every file of the window), then archiveSummary's plans. */
export async function yearReportKit(task: Task): Promise<TaskResult> {
  const t0 = performance.now();
  const frames = await readArchive(task.dir, { from: task.from, to: task.to });
  const openMs = performance.now() - t0;
  const s = await summarizeArchiveFrames(frames, { archive: task.dir, from: task.from, to: task.to });
  // The privileged rows are a lazy plan: written out as a report does (a streaming CSV sink),
  // so the kit does the work DuckDB does when it reads them whole; the CSV's rows are counted.
  const t1 = performance.now();
  const csv = join(tmpdir(), `year-privileged-${process.pid}.csv`);
  await s.privilegedEvents.sinkCSV(csv).collect();
  const written = (await lineCount(csv)) - 1; // the header
  rmSync(csv, { force: true });
  s.timings["privileged events (CSV sink)"] = performance.now() - t1;
  if (written !== s.privilegedCount)
    throw new Error(`privileged CSV has ${written} rows, privilegedCount ${s.privilegedCount}`);
  return { openMs, timings: s.timings, checks: kitChecks(s) };
}

/**
 * The lines of a file, counted as it streams by: Polars' CSV reader held the 3M rows' 850 MB
 * whole (+0.8 GB of the kit child's peak RSS for a count the report does not make).
 */
async function lineCount(path: string): Promise<number> {
  let lines = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines++;
  }
  return lines;
}

function kitChecks(s: ArchiveSummary): YearChecks {
  const rows = (
    df: pl.DataFrame,
    n: number,
    columns: string[],
    fix: Array<(v: unknown) => string | number | null>,
  ) =>
    (
      df
        .head(n)
        .select(...columns)
        .rows() as unknown[][]
    ).map((r) => r.map((v, i) => fix[i]!(v)));
  const num = (v: unknown) => (v == null ? null : Number(v));
  const str = (v: unknown) => (v == null ? null : String(v));
  const sum = (df: pl.DataFrame, c: string) => Number(df.getColumn(c).sum());
  return {
    totals: s.totals,
    days: rows(s.activityByDay, 1e6, ["day", "events", "users", "failures"], [dayText, num, num, num]),
    eventsByType: rows(s.eventsByType, 1e6, ["eventTypeId", "events"], [str, num]),
    topUsers: rows(
      s.userActivity,
      20,
      ["userId", "events", "failures", "eventTypes", "lastEvent"],
      [str, num, num, num, ms],
    ),
    failedSignIns: rows(s.failedSignIns, 10, ["userId", "events", "lastEvent"], [str, num, ms]),
    topObjects: rows(s.topObjects, 10, ["objectId", "events", "users"], [str, num, num]),
    signIns: {
      accounts: s.signIns.height,
      successes: sum(s.signIns, "successes"),
      failures: sum(s.signIns, "failures"),
      top: rows(
        s.signIns,
        10,
        ["userId", "successes", "failures", "distinctIps", "lastSignIn"],
        [str, num, num, num, ms],
      ),
    },
    lastSignIns: {
      accounts: s.lastSignIns.height,
      signIns: sum(s.lastSignIns, "signIns"),
      latest: ms(s.lastSignIns.getColumn("lastSignIn").max()),
    },
    lastSignInEventRows: s.lastSignInEvents.height,
    accessChanges: sum(s.accessChangesByDay, "rows"),
    privilegedRows: s.privilegedCount,
    activeUsersByMonth: rows(s.activeUsersByMonth, 1e6, ["month", "users"], [dayText, num]),
    usersSnapshotRows: s.users.height,
  };
}

const sqlList = (codes: readonly string[]) => codes.map((c) => `'${c}'`).join(", ");

/** (d) DuckDB over the same files: the window as a filter on the hive `date` key (file pruning) and on eventDate. */
export async function yearReportDuckdb(task: Task): Promise<TaskResult> {
  const db = await DuckDBInstance.create(":memory:");
  const c = await db.connect();
  await c.run("SET TimeZone = 'UTC'");
  const glob = join(task.dir, "anaplan", "events", "*", "*.parquet");
  const end = new Date(Date.parse(`${task.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  await c.run(
    `CREATE VIEW events AS SELECT * FROM read_parquet('${glob}', hive_partitioning = true)
     WHERE date BETWEEN DATE '${task.from}' AND DATE '${task.to}'
       AND eventDate >= TIMESTAMPTZ '${task.from} 00:00:00+00' AND eventDate < TIMESTAMPTZ '${end} 00:00:00+00'`,
  );
  const timings: Record<string, number> = {};
  const q = async (name: string, sql: string): Promise<DuckDBResultReader> => {
    const t0 = performance.now();
    const reader = await c.runAndReadAll(sql);
    timings[name] = performance.now() - t0;
    return reader;
  };
  const js = (r: DuckDBResultReader): Row[] =>
    r
      .getRowsJS()
      .map((row) => row.map((v) => (typeof v === "bigint" ? Number(v) : (v as string | number | null))));
  const day = "strftime(CAST(eventDate AS DATE), '%Y-%m-%d')";
  const failed = "count(*) FILTER (WHERE NOT success)";
  const days = js(
    await q(
      "activityByDay",
      `SELECT ${day} AS day, count(*), count(DISTINCT userId), ${failed} FROM events GROUP BY day ORDER BY day`,
    ),
  );
  const byDayType = await q(
    "eventsByDayAndType",
    `SELECT CAST(eventDate AS DATE) AS day, eventTypeId, count(*) AS n FROM events GROUP BY ALL ORDER BY day, eventTypeId`,
  );
  const userActivity = await q(
    "userActivity",
    `SELECT userId, count(*) AS events, ${failed}, count(DISTINCT eventTypeId), epoch_ms(max(eventDate))
     FROM events WHERE userId IS NOT NULL GROUP BY userId ORDER BY events DESC, userId`,
  );
  const failedSignIns = await q(
    "failedSignIns",
    `SELECT userId, count(*) AS events, epoch_ms(max(eventDate)) FROM events
     WHERE userId IS NOT NULL AND eventTypeId = 'USR-9' GROUP BY userId ORDER BY events DESC, userId`,
  );
  const topObjects = await q(
    "topObjects",
    `SELECT objectId, count(*) AS events, count(DISTINCT userId), any_value(objectTypeId) FROM events
     WHERE objectId IS NOT NULL GROUP BY objectId ORDER BY events DESC, objectId LIMIT 100`,
  );
  const signIns = await q(
    "signIns",
    `SELECT userId, count(*) FILTER (WHERE eventTypeId = 'USR-8') AS successes,
       count(*) FILTER (WHERE eventTypeId = 'USR-9') AS failures, count(DISTINCT ipAddress),
       epoch_ms(max(eventDate) FILTER (WHERE eventTypeId = 'USR-8')),
       min(eventDate) FILTER (WHERE eventTypeId = 'USR-8'), max(eventDate) FILTER (WHERE eventTypeId = 'USR-9')
     FROM events WHERE eventTypeId IN ('USR-8', 'USR-9') GROUP BY userId ORDER BY failures DESC, userId NULLS LAST`,
  );
  const lastSignIns = js(
    await q(
      "lastSignIns",
      `SELECT count(*), sum(n), epoch_ms(max(last)) FROM (SELECT userId, max(eventDate) AS last, count(*) AS n FROM events
       WHERE eventTypeId = 'USR-8' AND coalesce(success, true) AND userId IS NOT NULL GROUP BY userId)`,
    ),
  )[0]!;
  const lastSignInEvents = await q(
    "lastSignInEvents",
    `SELECT userId, success, max(eventDate) FROM events WHERE eventTypeId = 'USR-8' AND userId IS NOT NULL
     GROUP BY userId, success ORDER BY userId, success`,
  );
  const accessChanges = await q(
    "accessChangesByDay",
    `SELECT CAST(eventDate AS DATE) AS day, eventTypeId, count(*) AS n FROM events
     WHERE eventTypeId IN (${sqlList(Object.keys(ANAPLAN_ACCESS_CODES))}) GROUP BY ALL ORDER BY day, eventTypeId`,
  );
  const privileged = await q(
    "privilegedEvents",
    `SELECT id, eventDate, eventTypeId, userId, objectId, success, additionalAttributes FROM events
     WHERE eventTypeId IN (${sqlList(ACCESS_CHANGE_CODES)}) ORDER BY eventDate, id`,
  );
  const months = js(
    await q(
      "activeUsersByMonth",
      `SELECT strftime(date_trunc('month', CAST(eventDate AS DATE)), '%Y-%m-%d') AS month, count(DISTINCT userId)
       FROM events WHERE userId IS NOT NULL GROUP BY month ORDER BY month`,
    ),
  );
  const users = await q(
    "users",
    `SELECT * FROM read_parquet('${join(task.dir, "anaplan", "users", "*", "*.parquet")}', hive_partitioning = true)
     WHERE snapshot = (SELECT max(snapshot) FROM read_parquet('${join(task.dir, "anaplan", "users", "*", "*.parquet")}', hive_partitioning = true) WHERE snapshot <= DATE '${task.to}')`,
  );
  const head = (r: DuckDBResultReader, n: number, columns: number[]): Row[] => {
    const out: Row[] = [];
    for (let i = 0; i < Math.min(n, r.currentRowCount); i++) {
      out.push(
        columns.map((col) => {
          const v = r.value(col, i);
          return typeof v === "bigint" ? Number(v) : v == null ? null : typeof v === "number" ? v : String(v);
        }),
      );
    }
    return out;
  };
  const colSum = (r: DuckDBResultReader, col: number) => {
    let total = 0;
    for (let i = 0; i < r.currentRowCount; i++) total += Number(r.value(col, i) as bigint);
    return total;
  };
  const eventsByType = new Map<string, number>();
  for (let i = 0; i < byDayType.currentRowCount; i++) {
    const type = String(byDayType.value(1, i));
    eventsByType.set(type, (eventsByType.get(type) ?? 0) + Number(byDayType.value(2, i) as bigint));
  }
  const checks: YearChecks = {
    totals: {
      events: days.reduce((a, r) => a + Number(r[1]), 0),
      failures: days.reduce((a, r) => a + Number(r[3]), 0),
      users: userActivity.currentRowCount,
    },
    days,
    eventsByType: [...eventsByType].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)),
    topUsers: head(userActivity, 20, [0, 1, 2, 3, 4]),
    failedSignIns: head(failedSignIns, 10, [0, 1, 2]),
    topObjects: head(topObjects, 10, [0, 1, 2]),
    signIns: {
      accounts: signIns.currentRowCount,
      successes: colSum(signIns, 1),
      failures: colSum(signIns, 2),
      top: head(signIns, 10, [0, 1, 2, 3, 4]),
    },
    lastSignIns: {
      accounts: Number(lastSignIns[0]),
      signIns: Number(lastSignIns[1]),
      latest: lastSignIns[2] == null ? null : Number(lastSignIns[2]),
    },
    lastSignInEventRows: lastSignInEvents.currentRowCount,
    accessChanges: colSum(accessChanges, 2),
    privilegedRows: privileged.currentRowCount,
    activeUsersByMonth: months,
    usersSnapshotRows: users.currentRowCount,
  };
  c.closeSync();
  db.closeSync();
  return { timings, checks };
}
