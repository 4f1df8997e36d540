/**
 * Builds the year-scale archive of `bench/year-report.ts` directly on disk, in the kit's exact
 * layout: `anaplan/events/date=YYYY-MM-DD/part-00000.parquet` (zstd, written by Polars as the
 * sync writes it), an `anaplan/users/snapshot=…` partition, and a `manifest.json` written by the
 * kit's own `writeManifest`, with the SHA-256 of every file (`sha256Hex`) and the events
 * watermarks, so `readArchive` verifies and reads it like a synced archive.
 *
 * Why not through `npm run sync`: syncing over HTTP runs at ~55k events/s here (179 s for 10M,
 * BENCHMARKS.md), so 50M events would take ~15 min before any measurement. Drawing every event
 * of a year from the simulator is also slow (~25 µs an event, ~25 min for 50M), so the
 * simulator draws `TEMPLATE_DAYS` real days (its weekday and hour profile, sign-in bursts,
 * privileged events, 20,000 people) and each other day of the year is a template day of the
 * same weekday moved to that date, with its ids made unique by a prefix (the cycle number).
 * The archive is cached: a folder with a complete manifest for the same parameters is reused.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import pl from "nodejs-polars";
import { parseEventsPage } from "../src/anaplan/parse/parse-events-page.js";
import { parseUsersPage } from "../src/anaplan/parse/parse-users-page.js";
import { fileKey, sha256Hex } from "../src/archive/archive-checksums.js";
import { ARCHIVE_DATASETS, PART_FILE } from "../src/archive/archive-datasets.js";
import { type ArchiveManifest, writeManifest } from "../src/archive/archive-manifest.js";
import { ARCHIVE_MANIFEST_FORMAT } from "../src/archive/archive-manifest-types.js";
import { partitionDir } from "../src/archive/partition-files.js";
import { createAnaplanTenant } from "../src/simulator/anaplan/anaplan-tenant.js";
import { generateSlot } from "../src/simulator/anaplan/generate-slot.js";
import { apiUser } from "../src/simulator/anaplan/users-routes.js";

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** Distinct simulated days (two weeks: every weekday twice); the rest of the year repeats them. */
export const TEMPLATE_DAYS = 14;

/** What the archive holds; the cache is reused only for the same parameters. */
export interface YearArchiveSpec {
  events: number;
  days: number;
  /** First UTC day, YYYY-MM-DD. */
  first: string;
  people: number;
  seed: number;
}

/** The archive folder for `spec`, generated unless a complete one is cached. */
export async function yearArchive(
  root: string,
  spec: YearArchiveSpec,
  log: (line: string) => void,
): Promise<{ dir: string; rows: number; generatedMs: number | undefined }> {
  const dir = join(root, `year-archive-${spec.events}-${spec.days}d-s${spec.seed}`);
  const stamp = join(dir, "_bench-spec.json");
  if (existsSync(stamp)) {
    const cached = JSON.parse(readFileSync(stamp, "utf8")) as { spec: YearArchiveSpec; rows: number };
    if (JSON.stringify(cached.spec) === JSON.stringify(spec))
      return { dir, rows: cached.rows, generatedMs: undefined };
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const rows = await generate(dir, spec, log);
  // Written last: a run killed midway leaves no stamp, so the next run starts again.
  writeFileSync(stamp, `${JSON.stringify({ spec, rows }, null, 2)}\n`);
  return { dir, rows, generatedMs: performance.now() - t0 };
}

async function generate(dir: string, spec: YearArchiveSpec, log: (line: string) => void): Promise<number> {
  const tenant = createAnaplanTenant(spec.seed, spec.people);
  const source = { seed: spec.seed, tenant, eventsPerDay: Math.round(spec.events / spec.days) };
  const firstMs = Date.parse(`${spec.first}T00:00:00Z`);
  const files: NonNullable<ArchiveManifest["files"]> = {};
  const templates: pl.DataFrame[] = [];
  let rows = 0;
  for (let d = 0; d < spec.days; d++) {
    const t = d % TEMPLATE_DAYS;
    if (templates[t] === undefined) templates[t] = simulatedDay(source, firstMs + t * DAY);
    const cycle = Math.floor(d / TEMPLATE_DAYS);
    const day = cycle === 0 ? templates[t]! : shifted(templates[t]!, cycle, cycle * TEMPLATE_DAYS * DAY);
    const value = new Date(firstMs + d * DAY).toISOString().slice(0, 10);
    const file = join(partitionDir(dir, ARCHIVE_DATASETS.events, value), PART_FILE);
    files[fileKey(dir, file)] = { sha256: writePart(file, day) };
    rows += day.height;
    if (d % 30 === 0 || d === spec.days - 1) log(`  ${value}: ${rows.toLocaleString("en")} events so far`);
  }
  const lastMs = firstMs + spec.days * DAY;
  const usersDay = new Date(lastMs - DAY).toISOString().slice(0, 10);
  const usersFile = join(partitionDir(dir, ARCHIVE_DATASETS.users, usersDay), PART_FILE);
  files[fileKey(dir, usersFile)] = { sha256: writePart(usersFile, usersOf(tenant, lastMs)) };
  const manifest: ArchiveManifest = {
    format: ARCHIVE_MANIFEST_FORMAT,
    version: 1,
    origin: { anaplan: `simulator (seed ${spec.seed}), generated by bench/year-archive.ts` },
    datasets: {
      events: {
        coveredFrom: new Date(firstMs).toISOString(),
        coveredTo: new Date(lastMs).toISOString(),
        gaps: [],
      },
      users: { lastSnapshot: usersDay },
    },
    files,
  };
  await writeManifest(dir, manifest);
  return rows;
}

/** One UTC day of simulated events (24 hour slots, parsed by the kit's own page parser), in server order. */
function simulatedDay(source: Parameters<typeof generateSlot>[0], dayMs: number): pl.DataFrame {
  const frames: pl.DataFrame[] = [];
  for (let h = 0; h < 24; h++) {
    const { bytes, skeleton } = generateSlot(source, (dayMs + h * HOUR) / HOUR, []);
    const n = skeleton.count;
    const head = `{"meta":{"paging":{"currentPageSize":${n},"totalSize":${n},"offset":0}},"response":[`;
    const body = Buffer.concat([Buffer.from(head), bytes.bytes.subarray(n > 0 ? 1 : 0), Buffer.from("]}")]);
    frames.push(parseEventsPage(body).frame);
  }
  return pl.concat(frames, { how: "vertical", rechunk: true });
}

/** A template day moved `ms` later, its ids prefixed by the cycle so every id stays unique. */
function shifted(day: pl.DataFrame, cycle: number, ms: number): pl.DataFrame {
  const move = (c: string) =>
    pl
      .col(c)
      .add(pl.lit(ms).cast(pl.Duration("ms")))
      .alias(c);
  return day.withColumns(
    pl.concatString([pl.lit(`${cycle}`), pl.col("id")], "").alias("id"),
    move("eventDate"),
    move("createdDate"),
  );
}

function writePart(file: string, frame: pl.DataFrame): string {
  const bytes = frame.writeParquet({ compression: "zstd" });
  mkdirSync(join(file, ".."), { recursive: true });
  writeFileSync(file, bytes);
  return sha256Hex(bytes);
}

function usersOf(tenant: ReturnType<typeof createAnaplanTenant>, nowMs: number): pl.DataFrame {
  const users = tenant.listed.map((u) =>
    apiUser(u, tenant.tenantId, u.lastLoginAgoMs === undefined ? undefined : nowMs - u.lastLoginAgoMs),
  );
  return parseUsersPage(Buffer.from(JSON.stringify({ users }))).frame;
}
