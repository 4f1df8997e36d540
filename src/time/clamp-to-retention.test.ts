import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { clampToRetention } from "./clamp-to-retention.js";
import { windowOfLastDays } from "./window-of-last-days.js";

const NOW = Date.UTC(2026, 11, 6, 2, 46);

describe("clampToRetention", () => {
  it("the 30 complete days before today reach past a 30-day retention by today's elapsed hours", () => {
    const window = windowOfLastDays(30, NOW);
    assert.deepEqual(clampToRetention(window, 30, NOW), {
      requested: { from: "2026-11-06", to: "2026-12-05" },
      covered: { from: Date.UTC(2026, 10, 6, 2, 46), to: Date.UTC(2026, 11, 6) },
      clipped: true,
      statement:
        "covered 2026-11-06T02:46:00.000Z → 2026-12-06T00:00:00.000Z of the requested 2026-11-06 → 2026-12-05 (UTC days); the source keeps 30 days and nothing after now",
    });
  });

  it("a window inside retention is covered whole", () => {
    const result = clampToRetention({ from: "2026-11-20", to: "2026-12-05" }, 30, NOW);
    assert.deepEqual(result.covered, { from: Date.UTC(2026, 10, 20), to: Date.UTC(2026, 11, 6) });
    assert.equal(result.clipped, false);
    assert.equal(result.statement, "covered the whole requested 2026-11-20 → 2026-12-05 (UTC days)");
  });

  it("today is covered up to now only; a window wholly past retention covers nothing", () => {
    const today = clampToRetention({ from: "2026-12-05", to: "2026-12-06" }, 30, NOW);
    assert.deepEqual(today.covered, { from: Date.UTC(2026, 11, 5), to: NOW });
    assert.equal(today.clipped, true);
    const old = clampToRetention({ from: "2026-09-01", to: "2026-09-30" }, 30, NOW);
    assert.equal(old.covered, undefined);
    assert.equal(old.clipped, true);
    assert.equal(
      old.statement,
      "covered nothing of the requested 2026-09-01 → 2026-09-30 (UTC days): it lies outside the 30 days the source keeps (or after now)",
    );
    const future = clampToRetention({ from: "2026-12-07", to: "2026-12-08" }, 30, NOW);
    assert.equal(future.covered, undefined);
  });

  it("refuses a retention that is not positive", () => {
    assert.throws(() => clampToRetention({ from: "2026-12-01", to: "2026-12-02" }, 0, NOW), {
      name: "ValidationError",
      message: /positive retention/,
    });
  });
});
