import assert from "node:assert/strict";
import { describe, it } from "node:test";
import pl from "nodejs-polars";
import { utc } from "../../test/frames-support.js";
import { chart } from "./chart.js";
import { renderChart } from "./render-chart.js";

const daily = pl.DataFrame([
  utc("day", ["2026-11-01T00:00:00Z", "2026-11-02T00:00:00Z", "2026-11-03T00:00:00Z"]),
  pl.Series("events", [5, 9, 2], pl.UInt32),
]);
const spec = {
  mark: "bar",
  encoding: {
    x: { field: "day", type: "ordinal", timeUnit: "utcyearmonthdate" },
    y: { field: "events", type: "quantitative" },
  },
};

describe("renderChart", () => {
  it("renders a Vega-Lite spec with a frame's data to an SVG with marks, in Node", async () => {
    const svg = await renderChart(spec, daily);
    assert.match(svg, /^<svg[^>]+width="\d+"/);
    // three bars: the mark group holds three paths
    const marks = svg.match(/<g class="mark-rect role-mark marks"[^>]*>(.*?)<\/g>/);
    assert.ok(marks, "a rect mark group");
    assert.equal(marks[1]?.match(/<path /g)?.length, 3);
    assert.match(svg, /events/);
  });

  it("rejects an invalid spec with a ValidationError that says what to check", async () => {
    await assert.rejects(renderChart({ mark: "no-such-mark" }), {
      name: "ValidationError",
      message: /^Vega-Lite could not compile the chart spec \(.+\)\. Check "mark" and "encoding"/,
    });
  });
});

describe("chart", () => {
  it("outside a notebook returns the SVG wrapped in HTML with a title", async () => {
    const html = await chart(spec, { data: daily, title: "Events <per> day" });
    assert.ok(html);
    assert.match(html, /<div class="kit-chart"><div class="kit-title">Events &lt;per&gt; day<\/div><svg/);
  });
});
