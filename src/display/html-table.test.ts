import assert from "node:assert/strict";
import { describe, it } from "node:test";
import pl from "nodejs-polars";
import { utc } from "../../test/frames-support.js";
import { htmlTable } from "./html-table.js";

const body = (html: string) => html.slice(html.indexOf('<div class="kit-frame">'));

describe("htmlTable", () => {
  const df = pl.DataFrame([
    pl.Series("user", ["<ada>", "ben & co", null]),
    pl.Series("events", [12345, 2, 0], pl.UInt32),
    pl.Series("active", [true, false, null], pl.Bool),
    utc("at", ["2026-11-02T14:03:00Z", null, "2026-11-03T00:00:00Z"]),
  ]);

  it("renders title, shape, dtypes, escaped cells, readable dates and numbers", () => {
    assert.equal(
      body(htmlTable(df, { title: "Sign-ins <all>" })),
      '<div class="kit-frame"><div class="kit-title">Sign-ins &lt;all&gt;</div>' +
        '<div class="kit-shape">3 rows × 4 columns</div>' +
        '<table class="kit-table"><thead><tr><th>user</th><th>events</th><th>active</th><th>at</th></tr>' +
        '<tr class="kit-dtypes"><th>str</th><th>u32</th><th>bool</th><th>datetime[ms, UTC]</th></tr></thead><tbody>' +
        '<tr><td>&lt;ada&gt;</td><td class="kit-num">12,345</td><td class="kit-true">true</td><td>2026-11-02 14:03 UTC</td></tr>' +
        '<tr><td>ben &amp; co</td><td class="kit-num">2</td><td>false</td><td class="kit-null">—</td></tr>' +
        '<tr><td class="kit-null">—</td><td class="kit-num">0</td><td class="kit-null">—</td><td>2026-11-03 00:00 UTC</td></tr>' +
        "</tbody></table></div>",
    );
  });

  it("shows the first rows only and says how many are left out; seconds when a column has them", () => {
    const html = htmlTable(pl.DataFrame([utc("t", ["2026-11-02T14:03:07Z", "2026-11-02T14:04:00Z"])]), {
      rows: 1,
    });
    assert.match(html, /<div class="kit-shape">2 rows × 1 column<\/div>/);
    assert.match(html, /<td>2026-11-02 14:03:07 UTC<\/td><\/tr><\/tbody>/);
    assert.match(html, /<div class="kit-more">… 1 more rows not shown<\/div>/);
  });

  it("counts the shape and the rows left out from totalRows when the frame holds only the first", () => {
    const first = pl.DataFrame({ n: [1, 2] });
    const html = htmlTable(first, { rows: 1, totalRows: 3_000_000 });
    assert.match(html, /<div class="kit-shape">3,000,000 rows × 1 column<\/div>/);
    assert.match(html, /<div class="kit-more">… 2,999,999 more rows not shown<\/div>/);
    // Never fewer than the frame holds.
    assert.match(htmlTable(first, { totalRows: 1 }), /<div class="kit-shape">2 rows × 1 column<\/div>/);
  });

  it("keeps the header of an empty frame and says it has no rows; dates as days", () => {
    const empty = pl.DataFrame([pl.Series("day", [], pl.Date)]);
    assert.match(htmlTable(empty), /0 rows × 1 column.*<th>day<\/th>.*<th>date<\/th>.*No rows\./);
    const days = pl.DataFrame([pl.Series("day", [new Date("2026-11-02T00:00:00Z")], pl.Date)]);
    assert.match(htmlTable(days), /<td>2026-11-02<\/td>/);
  });

  it("carries its own scoped stylesheet", () => {
    assert.match(htmlTable(df), /^<style>[^<]*\.kit-frame table\.kit-table/);
  });
});

describe("htmlTable long text", () => {
  it("lets columns of long text wrap instead of cutting them off", () => {
    const long = "No EPM account matches: fine if they need Anaplan only; else a missing account.";
    const html = htmlTable(pl.DataFrame({ check: ["Only in Anaplan"], meaning: [long] }));
    assert.match(html, /<td>Only in Anaplan<\/td><td class="kit-wrap">No EPM account matches/);
  });
});

describe("htmlTable empty", () => {
  it("shows why a zero-row frame is empty instead of an empty table, when told", () => {
    const empty = pl.DataFrame({ user: [] as string[] });
    const html = htmlTable(empty, { title: "Failed sign-ins", empty: "No failed sign-ins in <window>." });
    assert.match(
      html,
      /<div class="kit-title">Failed sign-ins<\/div><div class="kit-empty kit-explained">No failed sign-ins in &lt;window&gt;\.<\/div><\/div>$/,
    );
    assert.doesNotMatch(html, /<table/);
    assert.match(htmlTable(empty), /<div class="kit-empty">No rows\.<\/div>/);
    assert.doesNotMatch(htmlTable(pl.DataFrame({ user: ["a"] }), { empty: "none" }), /<div class="kit-empty/);
  });
});
