import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import pl from "nodejs-polars";
import type { ProvenanceData } from "../display/provenance.js";
import { saveFrames } from "./save-frames.js";

describe("saveFrames", () => {
  it("writes each frame as CSV, and the provenance beside them as provenance.json", () => {
    const dir = mkdtempSync(join(tmpdir(), "kit-save-"));
    const out = join(dir, "reports");
    const provenance: ProvenanceData = {
      kitVersion: "0.1.0",
      generatedAt: "2026-12-01T06:00:00.000Z",
      requested: { from: "2026-11-01", to: "2026-11-30" },
      sources: [
        {
          key: "anaplanEvents",
          label: "Anaplan audit events",
          host: "simulator",
          status: "complete",
          covered: { from: "2026-11-01", to: "2026-11-30" },
          rows: 1,
        },
      ],
    };
    const write = process.stdout.write;
    process.stdout.write = () => true; // the note goes to stdout outside a notebook
    try {
      const paths = saveFrames(out, { users: pl.DataFrame({ id: ["u1"] }) }, provenance);
      assert.deepEqual(paths, [join(out, "users.csv"), join(out, "provenance.json")]);
      assert.equal(readFileSync(join(out, "users.csv"), "utf8"), "id\nu1\n");
      assert.deepEqual(JSON.parse(readFileSync(join(out, "provenance.json"), "utf8")), provenance);
      assert.deepEqual(saveFrames(join(dir, "plain"), { users: pl.DataFrame({ id: ["u1"] }) }), [
        join(dir, "plain", "users.csv"),
      ]);
    } finally {
      process.stdout.write = write;
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
