import assert from "node:assert/strict";
import { describe, it } from "node:test";
import pl from "nodejs-polars";
import { show } from "./show.js";

describe("show", () => {
  it("outside a tslab kernel returns the HTML instead of throwing tslab's 'Not ready'", () => {
    const html = show(pl.DataFrame({ a: ["x"] }), { title: "T" });
    assert.ok(html);
    assert.match(html, /<div class="kit-title">T<\/div><div class="kit-shape">1 row × 1 column<\/div>/);
  });
});
