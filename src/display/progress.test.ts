import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { progress } from "./progress.js";

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, write: (s: string) => chunks.push(s) } };
}

describe("progress", () => {
  it("prints a line per phase and per quarter when stderr is not a terminal", () => {
    const { chunks, stream } = sink(false);
    const p = progress("Anaplan", { stream });
    for (let done = 1; done <= 8; done++) p({ phase: "events", done, total: 8 });
    p({ phase: "users", done: 1, total: 1 });
    p.finish("120 events");
    assert.deepEqual(chunks, [
      "Anaplan · events 1/8 (12%)\n",
      "Anaplan · events 2/8 (25%)\n",
      "Anaplan · events 4/8 (50%)\n",
      "Anaplan · events 6/8 (75%)\n",
      "Anaplan · events 8/8 (100%)\n",
      "Anaplan · users 1/1 (100%)\n",
      "Anaplan: done — 120 events (users 1)\n",
    ]);
  });

  it("redraws one bar in a terminal", () => {
    const { chunks, stream } = sink(true);
    const p = progress("EPM", { stream });
    p({ phase: "groupAssignmentAudit", done: 1, total: 4 });
    p.finish();
    assert.deepEqual(chunks, [
      "\r\x1b[2KEPM · groupAssignmentAudit 1/4 [██████░░░░░░░░░░░░░░░░░░]  25%",
      "\r\x1b[2KEPM: done\n",
    ]);
  });

  it("is quiet when silent, and copes with an unknown total", () => {
    const quiet = sink(false);
    const p = progress("x", { stream: quiet.stream, mode: "silent" });
    p({ phase: "a", done: 1 });
    p.finish();
    assert.deepEqual(quiet.chunks, []);
    const lines = sink(false);
    const q = progress("x", { stream: lines.stream });
    q({ phase: "a", done: 3 });
    assert.deepEqual(lines.chunks, ["x · a 3\n"]);
  });
});
