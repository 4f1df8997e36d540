import assert from "node:assert/strict";
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { eventsFrame } from "../../test/frames-support.js";
import { ValidationError } from "../errors/validation-error.js";
import { DEFAULT_RULES } from "../rules/default-rules.js";
import { findings } from "../rules/findings.js";
import { verifyEvidencePack } from "./verify-evidence-pack.js";
import { readEvidenceChain, writeEvidencePack } from "./write-evidence-pack.js";

const root = mkdtempSync(join(tmpdir(), "kit-evidence-"));
after(() => rmSync(root, { recursive: true, force: true }));

const EVENTS = eventsFrame([
  { id: "1", eventTypeId: "AUTHZ-3", userId: "u1", objectId: "u1", eventDate: "2026-11-02T10:00:00Z" },
  { id: "2", eventTypeId: "USR-8", userId: "u2", eventDate: "2026-11-03T10:00:00Z" },
]);
const WINDOW = { from: "2026-11-01", to: "2026-11-30" };

async function pack(archive: string, dir: string, createdAt = "2026-12-01T06:00:00Z") {
  const report = join(root, `report-${createdAt}.html`);
  writeFileSync(report, `<html>generated ${createdAt}</html>`);
  return writeEvidencePack({
    dir,
    archive,
    window: WINDOW,
    kitVersion: "0.2.0",
    sources: [
      {
        name: "anaplan-events",
        origin: "simulator (seed 1)",
        apiVersion: "audit/api/1",
        requested: WINDOW,
        covered: [WINDOW],
        frame: EVENTS,
      },
    ],
    rules: DEFAULT_RULES,
    findings: findings({ anaplanEvents: EVENTS }, DEFAULT_RULES),
    reports: [report],
    now: () => new Date(createdAt),
  });
}

const flipByte = (path: string, at = 40) => {
  const bytes = readFileSync(path);
  bytes[at] = bytes[at]! ^ 0x01;
  writeFileSync(path, bytes);
};

describe("evidence packs", () => {
  it("two packs chain; verify checks both; a rerun gives the same data hashes", async () => {
    const archive = join(root, "a1");
    const first = await pack(archive, join(root, "a1-p1"));
    const second = await pack(archive, join(root, "a1-p2"), "2026-12-02T06:00:00Z");
    assert.equal(first.previous, null);
    assert.deepEqual(second.previous?.packId, "2026-11-01_2026-11-30");
    assert.equal(second.packId, "2026-11-01_2026-11-30-2");
    assert.deepEqual(
      second.files.map((f) => [f.path, f.reproducible]),
      [
        ["data/anaplan-events.parquet", true],
        ["findings.parquet", true],
        ["reports/report-2026-12-02T06:00:00Z.html", false],
        ["rules.json", true],
        ["skipped-rules.json", true],
      ],
    );
    const data = (m: typeof first) => m.files.filter((f) => f.reproducible).map((f) => [f.path, f.sha256]);
    assert.deepEqual(data(second), data(first));
    assert.equal(second.sources[0]!.rows, 2);
    const verdict = await verifyEvidencePack(join(root, "a1-p2"));
    assert.deepEqual(verdict.problems, []);
    assert.deepEqual(
      verdict.packs.map((p) => p.packId),
      ["2026-11-01_2026-11-30-2", "2026-11-01_2026-11-30"],
    );
    assert.deepEqual(
      (await readEvidenceChain(archive)).map((e) => e.packId),
      ["2026-11-01_2026-11-30", "2026-11-01_2026-11-30-2"],
    );
  });

  it("one flipped byte in the predecessor's data, a changed manifest, an added file: each named", async () => {
    const archive = join(root, "a2");
    await pack(archive, join(root, "a2-p1"));
    await pack(archive, join(root, "a2-p2"), "2026-12-02T06:00:00Z");
    flipByte(join(root, "a2-p1", "data", "anaplan-events.parquet"));
    let verdict = await verifyEvidencePack(join(root, "a2-p2"));
    assert.equal(verdict.ok, false);
    assert.equal(verdict.problems.length, 1);
    assert.match(
      verdict.problems[0]!,
      /^previous pack 2026-11-01_2026-11-30 \(.*a2-p1\): data\/anaplan-events\.parquet changed \(SHA-256 [0-9a-f]{64}/,
    );
    flipByte(join(root, "a2-p1", "data", "anaplan-events.parquet"));
    appendFileSync(join(root, "a2-p1", "manifest.json"), " ");
    writeFileSync(join(root, "a2-p2", "notes.txt"), "added");
    verdict = await verifyEvidencePack(join(root, "a2-p2"));
    assert.deepEqual(
      verdict.problems.map((p) => p.replace(/\(\/[^)]*\)/, "(…)").replace(/[0-9a-f]{64}/g, "…")),
      [
        "pack …: notes.txt is not in the manifest (added after the pack was made)",
        "previous pack 2026-11-01_2026-11-30 (…): manifest.json changed (SHA-256 …, the next pack recorded …)",
      ].map((p) => p.replace("pack …", `pack ${join(root, "a2-p2")}`)),
    );
  });

  it("a pack folder that is not empty is refused", async () => {
    const dir = join(root, "busy");
    await pack(join(root, "a3"), dir);
    await assert.rejects(pack(join(root, "a3"), dir), ValidationError);
  });
});
