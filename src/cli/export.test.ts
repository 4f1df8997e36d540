import assert from "node:assert/strict";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import pl from "nodejs-polars";
import { FakeClock, fakeAnaplan, fakeEpm, withStderr } from "../../test/archive-helpers.js";
import { readArchive } from "../archive/read-archive.js";
import { syncArchive } from "../archive/sync-archive.js";
import { exportCommand } from "./export.js";

const START = Date.parse("2026-11-22T10:00:00Z");
let archive = "";
let out = "";

async function run(argv: string[]) {
  const lines: string[] = [];
  const { result: code, stderr } = await withStderr(() =>
    exportCommand(argv, {}, (line) => lines.push(line)),
  );
  return { code, lines, stderr };
}

describe("npm run export", () => {
  before(async () => {
    archive = await mkdtemp(join(tmpdir(), "export-cli-"));
    out = await mkdtemp(join(tmpdir(), "export-cli-out-"));
    const clock = new FakeClock(START);
    const since = START - 40 * 86_400_000;
    await syncArchive({
      archive,
      anaplan: fakeAnaplan(clock, since).source,
      epm: fakeEpm(clock, since).source,
      now: clock.now,
    });
  });

  it("writes archived events of a range to CSV, the same rows readArchive gives", async () => {
    const file = join(out, "events.csv");
    const result = await run([
      "events",
      "--archive",
      archive,
      "--from",
      "2026-11-10",
      "--to",
      "2026-11-11",
      "--out",
      file,
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(result.lines, [`Reading the archive ${archive}.`, result.lines[1]]);
    assert.match(result.lines[1] ?? "", new RegExp(`^Wrote events to ${file} \\(csv, [\\d.]+ KiB\\)\\.$`));
    const expected = await (
      await readArchive(archive, { from: "2026-11-10", to: "2026-11-11" })
    ).events.collect();
    const csv = pl.readCSV(await readFile(file), { inferSchemaLength: 0 });
    assert.equal(csv.height, expected.height);
    assert.deepEqual(csv.getColumn("id").toArray(), expected.getColumn("id").toArray());
    assert.equal(
      csv.getColumn("eventDate").toArray()[0],
      (expected.getColumn("eventDate").toArray()[0] as unknown as Date).toISOString(),
    );
  });

  it("writes joined events with user names, and every EPM report, as Parquet", async () => {
    const joined = join(out, "joined.parquet");
    assert.equal((await run(["joined", "--archive", archive, "--out", joined])).code, 0);
    const frame = pl.readParquet(joined);
    assert.deepEqual(frame.columns.slice(-3), ["firstName", "lastName", "email"]);
    assert.equal(
      frame
        .filter(pl.col("userId").eq(pl.lit("user0")))
        .getColumn("email")
        .unique()
        .toArray()[0],
      "a@x.com",
    );
    for (const name of [
      "group-assignment-audit",
      "role-assignment-audit",
      "invalid-logins",
      "user-logins",
      "role-assignments",
      "user-groups",
      "users",
    ]) {
      const file = join(out, `${name}.parquet`);
      const result = await run([name, "--archive", archive, "--out", file]);
      assert.equal(result.code, 0, result.stderr);
      assert.ok(pl.readParquet(file).height > 0, name);
    }
  });

  it("explains a wrong frame name or format and fails with the archive's error", async () => {
    const bad = await run(["logins", "--out", join(out, "x.csv")]);
    assert.equal(bad.code, 2);
    assert.ok(
      bad.stderr.startsWith(
        "epm-audit-kit export: Give one FRAME of: events, users, joined, group-assignment-audit,",
      ),
      bad.stderr,
    );
    assert.equal(bad.stderr.split("\n").length, 2, "one line");
    assert.equal((await run(["events", "--out", join(out, "x.xlsx"), "--format", "xlsx"])).code, 2);
    const missing = await run(["events", "--archive", join(out, "none"), "--out", join(out, "x.csv")]);
    assert.equal(missing.code, 1);
    assert.ok(missing.stderr.startsWith("epm-audit-kit export: No archive folder at "), missing.stderr);
  });
});
