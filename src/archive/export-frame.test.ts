import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import pl from "nodejs-polars";
import { exportFrame } from "./export-frame.js";

const frame = pl.DataFrame([
  pl.Series("id", ["9007199254740993", "2"], pl.String),
  pl.Series("success", [true, null], pl.Bool),
  pl.Series("message", ['said "hi", left', null], pl.String),
  pl
    .Series("eventDate", [Date.UTC(2026, 10, 1, 8, 15), Date.UTC(2026, 10, 2)], pl.Int64)
    .cast(pl.Datetime("ms"))
    .dt.replaceTimeZone("UTC"),
]);
const CSV = [
  "id,success,message,eventDate",
  '9007199254740993,true,"said ""hi"", left",2026-11-01T08:15:00.000Z',
  "2,,,2026-11-02T00:00:00.000Z",
  "",
].join("\n");

describe("exportFrame", () => {
  it("writes CSV with ISO UTC times and Parquet that reads back equal, from a DataFrame and a LazyDataFrame", async () => {
    const dir = await mkdtemp(join(tmpdir(), "export-"));
    for (const [label, source] of [
      ["eager", frame],
      ["lazy", frame.lazy()],
    ] as const) {
      const csv = await exportFrame(source, { format: "csv", out: join(dir, label, "f.csv") });
      assert.equal(await readFile(csv, "utf8"), CSV);
      const parquet = await exportFrame(source, { format: "parquet", out: join(dir, label, "f.parquet") });
      assert.ok(pl.readParquet(parquet).frameEqual(frame));
      assert.deepEqual((await readdir(join(dir, label))).sort(), ["f.csv", "f.parquet"]);
    }
  });

  it("leaves an earlier file and no temporary file behind when the query fails", async () => {
    const dir = await mkdtemp(join(tmpdir(), "export-"));
    const out = join(dir, "f.parquet");
    await writeFile(out, "earlier");
    await assert.rejects(exportFrame(frame.lazy().select(pl.col("nope")), { format: "parquet", out }));
    assert.equal(await readFile(out, "utf8"), "earlier");
    assert.deepEqual(await readdir(dir), ["f.parquet"]);
  });

  it("refuses an unknown format", async () => {
    await assert.rejects(exportFrame(frame, { format: "xlsx" as "csv", out: "x.xlsx" }), {
      code: "E_VALIDATION",
      message: 'Unknown export format "xlsx": use parquet or csv.',
    });
  });
});

describe("exportFrame CSV and spreadsheet formulas", () => {
  const risky = pl.DataFrame([
    pl.Series(
      "name",
      ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tq", "\rr", "Ann", null, "a=b"],
      pl.String,
    ),
    pl.Series("n", [-1, 2, 3, 4, 5, 6, 7, 8, 9], pl.Int32),
  ]);
  const NEUTRAL = [
    "name,n",
    `"'=HYPERLINK(""http://x"")",-1`,
    "'+1,2",
    "'-2,3",
    "'@SUM(A1),4",
    "'\tq,5",
    '"\'\rr",6',
    "Ann,7",
    ",8",
    "a=b,9",
    "",
  ].join("\n");

  it("prefixes text cells starting with = + - @ tab CR with ' by default (numbers untouched), eager and lazy", async () => {
    const dir = await mkdtemp(join(tmpdir(), "export-"));
    for (const [label, source] of [
      ["eager", risky],
      ["lazy", risky.lazy()],
    ] as const) {
      const out = await exportFrame(source, { format: "csv", out: join(dir, `${label}.csv`) });
      assert.equal(await readFile(out, "utf8"), NEUTRAL);
    }
  });

  it("rawFormulas keeps the cells as they are; Parquet is never changed", async () => {
    const dir = await mkdtemp(join(tmpdir(), "export-"));
    const raw = await exportFrame(risky.lazy(), {
      format: "csv",
      out: join(dir, "raw.csv"),
      rawFormulas: true,
    });
    assert.equal(await readFile(raw, "utf8"), risky.writeCSV().toString());
    const parquet = await exportFrame(risky, { format: "parquet", out: join(dir, "f.parquet") });
    assert.ok(pl.readParquet(parquet).frameEqual(risky));
  });
});
