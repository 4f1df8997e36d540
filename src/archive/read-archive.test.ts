import assert from "node:assert/strict";
import { cp, mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import pl from "nodejs-polars";
import { FakeClock, fakeAnaplan, fakeEpm } from "../../test/archive-helpers.js";
import { ANAPLAN_EVENT_SCHEMA, ANAPLAN_USER_SCHEMA } from "../anaplan/schemas.js";
import { EPM_INVALID_LOGINS_SCHEMA } from "../epm/epm-report-schemas.js";
import { readArchive } from "./read-archive.js";
import { syncArchive } from "./sync-archive.js";
import { typeText } from "./type-text.js";

const DAY = 86_400_000;
const START = Date.parse("2026-11-22T10:00:00Z");
const schemaText = (schema: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, typeText(v)]));

let archive = "";
let ids: (from: number, to: number) => string[];

/** A copy of the shared archive that one test may damage. */
async function copyOfArchive(): Promise<string> {
  const copy = await mkdtemp(join(tmpdir(), "archive-copy-"));
  await cp(archive, copy, { recursive: true });
  return copy;
}

/**
 * Makes a copy look like an archive written before checksums existed (no "files" in its
 * manifest), so a test can reach the Parquet checks behind the checksum check.
 */
async function withoutChecksums(copy: string): Promise<string> {
  const path = join(copy, "manifest.json");
  const { files: _files, ...manifest } = JSON.parse(await readFile(path, "utf8"));
  await writeFile(path, JSON.stringify(manifest));
  return copy;
}

describe("readArchive", () => {
  before(async () => {
    archive = await mkdtemp(join(tmpdir(), "archive-read-"));
    const clock = new FakeClock(START);
    const anaplan = fakeAnaplan(clock, START - 20 * DAY);
    const epm = fakeEpm(clock, START - 20 * DAY);
    await syncArchive({ archive, anaplan: anaplan.source, epm: epm.source, now: clock.now });
    clock.advance(2 * DAY);
    await syncArchive({ archive, anaplan: anaplan.source, epm: epm.source, now: clock.now });
    ids = (from, to) => anaplan.idsVisible(from, to);
  });

  it("filters events to [from, to), a bare `to` date including that whole day", async () => {
    const frames = await readArchive(archive, { from: "2026-11-10T12:00:00Z", to: "2026-11-12" });
    const got = (await frames.events.collect()).getColumn("id").toArray().sort();
    const want = ids(Date.parse("2026-11-10T12:00:00Z"), Date.parse("2026-11-13T00:00:00Z")).sort();
    assert.ok(want.length > 200);
    assert.deepEqual(got, want);
    assert.deepEqual(schemaText((await frames.events.collect()).schema), schemaText(ANAPLAN_EVENT_SCHEMA));
  });

  it("reads only the partitions of the range: a corrupt day outside it does not matter", async () => {
    const copy = await copyOfArchive();
    await writeFile(join(copy, "anaplan/events/date=2026-11-05/part-00000.parquet"), "garbage");
    const frames = await readArchive(copy, { from: "2026-11-10", to: "2026-11-10" });
    assert.ok((await frames.events.collect()).height > 0);
  });

  it("names a corrupt file in the range (an archive without checksums)", async () => {
    const copy = await withoutChecksums(await copyOfArchive());
    const file = join(copy, "anaplan/events/date=2026-11-05/part-00000.parquet");
    await writeFile(file, "PAR1 but not really");
    await assert.rejects(readArchive(copy, { from: "2026-11-01", to: "2026-11-30" }), (error: Error) => {
      assert.equal((error as { code?: string }).code, "E_ARCHIVE_CORRUPT");
      assert.equal((error as { path?: string }).path, file);
      assert.ok(error.message.startsWith(`Archive file is not readable Parquet: ${file} (`), error.message);
      return true;
    });
  });

  it("names a foreign Parquet file (other columns) and a stray file", async () => {
    const copy = await withoutChecksums(await copyOfArchive());
    const file = join(copy, "epm/invalid-logins/date=2026-11-20/part-00000.parquet");
    await writeFile(file, pl.DataFrame({ userName: ["x"], score: [1] }).writeParquet());
    await assert.rejects(readArchive(copy), {
      code: "E_ARCHIVE_FOREIGN",
      message: `Archive holds a file the kit did not write: ${file} (its columns do not match this dataset (unexpected column score)). Move it out of the archive folder and run again.`,
    });
    const copy2 = await copyOfArchive();
    const stray = join(copy2, "anaplan/events/date=2026-11-20/notes.txt");
    await writeFile(stray, "hello");
    await assert.rejects(readArchive(copy2), {
      code: "E_ARCHIVE_FOREIGN",
      message: `Archive holds a file the kit did not write: ${stray} (expected only part-00000.parquet in a partition folder). Move it out of the archive folder and run again.`,
    });
    const copy3 = await copyOfArchive();
    await mkdir(join(copy3, "anaplan/events/day=2026-11-20"));
    await assert.rejects(readArchive(copy3), {
      code: "E_ARCHIVE_FOREIGN",
      path: join(copy3, "anaplan/events/day=2026-11-20"),
    });
  });

  it("ignores hidden files (temporary files of a killed sync, _SUCCESS markers)", async () => {
    const copy = await copyOfArchive();
    await writeFile(join(copy, "anaplan/events/date=2026-11-20/.part-00000.parquet.tmp-1-0badc0de"), "half");
    await writeFile(join(copy, "anaplan/events/_SUCCESS"), "");
    const frames = await readArchive(copy, { from: "2026-11-20", to: "2026-11-20" });
    assert.ok((await frames.events.collect()).height > 0);
  });

  it("fills a column an older file lacks with nulls (an archive without checksums)", async () => {
    const copy = await withoutChecksums(await copyOfArchive());
    const file = join(copy, "epm/invalid-logins/date=2026-11-20/part-00000.parquet");
    const old = pl.readParquet(file).drop("ipAddress");
    await writeFile(file, old.writeParquet());
    const got = await (
      await readArchive(copy, { from: "2026-11-20", to: "2026-11-20" })
    ).invalidLogins.collect();
    assert.deepEqual(schemaText(got.schema), schemaText(EPM_INVALID_LOGINS_SCHEMA));
    assert.equal(got.height, old.height);
    assert.equal(got.getColumn("ipAddress").nullCount(), old.height);
  });

  it("gives the users snapshot nearest the end of the range, and every snapshot with its day", async () => {
    const frames = await readArchive(archive, { to: "2026-11-23" });
    const users = await frames.users.collect();
    assert.deepEqual(schemaText(users.schema), schemaText(ANAPLAN_USER_SCHEMA));
    assert.equal(
      users.getColumn("lastLoginDate").cast(pl.Int64).toArray()[0],
      Date.parse("2026-11-22T10:00:00.000Z"),
    );
    const later = await (await readArchive(archive)).users.collect();
    assert.equal(
      later.getColumn("lastLoginDate").cast(pl.Int64).toArray()[0],
      Date.parse("2026-11-24T10:00:00.000Z"),
    );
    const all = await frames.snapshots.users.collect();
    assert.deepEqual(all.getColumn("snapshot").cast(pl.String).unique().sort().toArray(), ["2026-11-22"]);
    const both = await (await readArchive(archive)).snapshots.users.collect();
    assert.deepEqual(both.getColumn("snapshot").cast(pl.String).unique().sort().toArray(), [
      "2026-11-22",
      "2026-11-24",
    ]);
  });

  it("gives zero-row frames with the full schema for an empty archive, and refuses a missing folder", async () => {
    const empty = await mkdtemp(join(tmpdir(), "archive-empty-"));
    const frames = await readArchive(empty);
    const events = await frames.events.collect();
    assert.equal(events.height, 0);
    assert.deepEqual(schemaText(events.schema), schemaText(ANAPLAN_EVENT_SCHEMA));
    assert.equal((await frames.userGroups.collect()).height, 0);
    const missing = join(empty, "nope");
    await assert.rejects(readArchive(missing), {
      code: "E_ARCHIVE_MISSING",
      message: `No archive folder at ${missing}. Create one with: npm run sync -- --archive ${missing}`,
    });
  });

  it("refuses a manifest that is not the kit's, naming it", async () => {
    const copy = await copyOfArchive();
    await writeFile(join(copy, "manifest.json"), JSON.stringify({ name: "some other tool" }));
    await assert.rejects(readArchive(copy), { code: "E_ARCHIVE_FOREIGN", path: join(copy, "manifest.json") });
  });

  it("is plain hive-style Parquet: a glob scan with hive partitioning (as DuckDB does) reads every event under its date", async () => {
    const all = await pl
      .scanParquet(join(archive, "anaplan/events/*/*.parquet"), { hivePartitioning: true })
      .collect();
    assert.equal(all.height, (await (await readArchive(archive)).events.collect()).height);
    assert.equal(typeText(all.schema.date), "Date");
    const misplaced = all.filter(
      pl.col("date").cast(pl.String).neq(pl.col("eventDate").dt.strftime("%Y-%m-%d")),
    );
    assert.equal(misplaced.height, 0);
  });
});
