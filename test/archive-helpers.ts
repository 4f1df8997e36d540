import pl, { type DataFrame } from "nodejs-polars";
import { ARCHIVE_DATASETS, type FrameSchema } from "../src/archive/archive-datasets.js";
import type {
  ArchiveAnaplanSource,
  ArchiveEpmDateRange,
  ArchiveEpmSource,
} from "../src/archive/archive-sources.js";

// Hand-made tenants for the archive tests: deterministic events and report rows as a function of
// time, with a 30-day retention, late arrivals and a settable clock, shaped like the real frames.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A settable clock. */
export class FakeClock {
  constructor(public ms: number) {}
  now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** Builds a frame of a dataset's schema from column arrays (Datetime columns given as epoch ms). */
export function frameOf(schema: FrameSchema, columns: Record<string, unknown[]>): DataFrame {
  const height = Object.values(columns)[0]?.length ?? 0;
  const series = Object.entries(schema).map(([name, type]) => {
    const values = columns[name] ?? new Array(height).fill(null);
    if (String(type).startsWith("DataType(Datetime")) {
      return pl
        .Series(name, values as number[], pl.Int64)
        .cast(pl.Datetime("ms"))
        .dt.replaceTimeZone("UTC");
    }
    return pl.Series(name, values as never[], type);
  });
  return pl.DataFrame(series);
}

/** The n-th synthetic event: one every 17 minutes; every 7th arrives 90 minutes late (inside the 2-hour overlap). Ids past 2^53. */
function eventAt(n: number) {
  const eventDate = n * 17 * 60_000;
  return {
    id: (9_007_199_254_740_993n + BigInt(n)).toString(),
    eventDate,
    createdDate: eventDate + (n % 7 === 0 ? 90 * 60_000 : 1000),
    eventTypeId: n % 3 === 0 ? "USR-8" : "AUTHZ-3",
    userId: n % 11 === 0 ? "INTERNAL_7" : `user${n % 5}`,
    message: `event ${n}`,
    success: n % 13 !== 0,
    additionalAttributes: n % 4 === 0 ? null : JSON.stringify({ n }),
  };
}

/**
 * A fake Anaplan tenant: events exist from `since`, become visible at createdDate, and are
 * forgotten 30 days after eventDate.
 */
export function fakeAnaplan(clock: FakeClock, since: number) {
  const first = Math.ceil(since / (17 * 60_000));
  const visible = (from: number, to: number) => {
    const out: ReturnType<typeof eventAt>[] = [];
    const lo = Math.max(from, clock.now() - 30 * DAY, since);
    for (let n = Math.max(first, Math.ceil(lo / (17 * 60_000))); n * 17 * 60_000 < to; n++) {
      const e = eventAt(n);
      if (e.createdDate <= clock.now()) out.push(e);
    }
    return out;
  };
  const toFrame = (rows: ReturnType<typeof eventAt>[]) =>
    frameOf(ARCHIVE_DATASETS.events.schema, {
      id: rows.map((r) => r.id),
      eventDate: rows.map((r) => r.eventDate),
      createdDate: rows.map((r) => r.createdDate),
      eventTypeId: rows.map((r) => r.eventTypeId),
      userId: rows.map((r) => r.userId),
      message: rows.map((r) => r.message),
      success: rows.map((r) => r.success),
      additionalAttributes: rows.map((r) => r.additionalAttributes),
      eventTimeZone: rows.map(() => "UTC"),
    });
  const calls: Array<{ from: number; to: number }> = [];
  const source: ArchiveAnaplanSource = {
    audit: {
      async getEvents({ from, to }) {
        calls.push({ from: from.getTime(), to: to.getTime() });
        if (from.getTime() < clock.now() - 30 * DAY) throw new Error("from is older than 30 days");
        return toFrame(visible(from.getTime(), to.getTime()));
      },
      async listUsers() {
        return frameOf(ARCHIVE_DATASETS.users.schema, {
          id: ["user0", "user1", "user2", "user3"],
          email: ["a@x.com", "b@x.com", "c@x.com", "d@x.com"],
          active: [true, true, false, true],
          lastLoginDate: [clock.now(), null, null, clock.now() - DAY],
        });
      },
    },
  };
  /** Ids the API returns right now for a range (ground truth). */
  const idsVisible = (from = -Infinity, to = Infinity) =>
    visible(Math.max(from, since), Math.min(to, clock.now() + 1)).map((e) => e.id);
  return { source, calls, idsVisible };
}

/** A fake EPM tenant: two invalid logins an hour (identical pairs every 5th hour), 90/120-day retention. */
export function fakeEpm(clock: FakeClock, since: number) {
  const rowsIn = ({ from, to }: ArchiveEpmDateRange, retentionDays: number) => {
    const start = Math.max(Date.parse(`${from}T00:00:00Z`), since);
    const today = Date.parse(new Date(clock.now()).toISOString().slice(0, 10));
    if (Date.parse(from) < today - retentionDays * DAY) throw new Error(`from ${from} is past retention`);
    const end = Math.min(Date.parse(`${to}T00:00:00Z`) + DAY, clock.now() + 1);
    const times: number[] = [];
    for (let h = Math.ceil(start / HOUR); h * HOUR < end; h++) {
      times.push(h * HOUR + 60_000, h % 5 === 0 ? h * HOUR + 60_000 : h * HOUR + 120_000);
    }
    return times.filter((t) => t < end);
  };
  const source: ArchiveEpmSource = {
    // Like the simulated pod: role audit and invalid logins extended to 90 days.
    retentionDays: (name) =>
      ({ roleAssignmentAudit: 90, invalidLogins: 90 })[name as string] ??
      (name === "groupAssignmentAudit" || name === "userLogins" ? 120 : undefined),
    reports: {
      async groupAssignmentAudit(range) {
        const t = rowsIn(range, 120).filter((_, i) => i % 10 === 0);
        return frameOf(ARCHIVE_DATASETS.groupAssignmentAudit.schema, {
          name: t.map(() => "jdoe"),
          group: t.map((x) => `g${x % 3}`),
          action: t.map(() => "Assigned"),
          dateAndTime: t,
        });
      },
      async roleAssignmentAudit(range) {
        const t = rowsIn(range, 90).filter((_, i) => i % 20 === 0);
        return frameOf(ARCHIVE_DATASETS.roleAssignmentAudit.schema, {
          name: t.map(() => "jdoe"),
          role: t.map(() => "Power User"),
          dateAndTime: t,
        });
      },
      async invalidLogins(range) {
        const t = rowsIn(range, 90);
        return frameOf(ARCHIVE_DATASETS.invalidLogins.schema, {
          userName: t.map(() => "mallory"),
          ipAddress: t.map(() => "203.0.113.9"),
          dateAndTime: t,
        });
      },
      async userLogins(range) {
        const t = rowsIn(range, 120).filter((_, i) => i % 2 === 0);
        return frameOf(ARCHIVE_DATASETS.userLogins.schema, {
          userLogin: t.map(() => "jdoe"),
          ipAddress: t.map(() => "198.51.100.4"),
          accessDateAndTime: t,
        });
      },
      async roleAssignments() {
        return frameOf(ARCHIVE_DATASETS.roleAssignments.schema, {
          userLogin: ["jdoe", "asmith"],
          role: ["Viewer", "Power User"],
        });
      },
      async userGroups() {
        return frameOf(ARCHIVE_DATASETS.userGroups.schema, {
          userLogin: ["jdoe"],
          group: ["Finance"],
          direct: [true],
        });
      },
    },
  };
  return { source, rowsIn };
}

/** Runs a command, capturing what it writes to stderr (the CLIs print failures there). */
export async function withStderr<T>(run: () => Promise<T>): Promise<{ result: T; stderr: string }> {
  let stderr = "";
  const write = process.stderr.write;
  process.stderr.write = ((chunk: string) => {
    stderr += chunk;
    return true;
  }) as typeof process.stderr.write;
  try {
    return { result: await run(), stderr };
  } finally {
    process.stderr.write = write;
  }
}
