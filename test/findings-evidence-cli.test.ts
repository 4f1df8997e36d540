import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { AnaplanClient } from "../src/anaplan/anaplan-client.js";
import { readArchive } from "../src/archive/read-archive.js";
import { syncArchive } from "../src/archive/sync-archive.js";
import { evidenceCommand } from "../src/cli/evidence-command.js";
import type { CommandIo } from "../src/cli/findings-command.js";
import { findingsCommand } from "../src/cli/findings-command.js";
import { siemCommand } from "../src/cli/siem-command.js";
import { verifyCommand } from "../src/cli/verify-command.js";
import { EpmClient } from "../src/epm/epm-client.js";
import type { EvidenceManifest } from "../src/evidence/evidence-manifest.js";
import { parseCefLine } from "../src/siem/cef.js";
import { type Simulator, startSimulator } from "../src/simulator/start-simulator.js";

const quiet = { warn: () => undefined, debug: () => undefined };
const root = mkdtempSync(join(tmpdir(), "kit-findings-cli-"));
const archive = join(root, "archive");
const NOW = Date.parse("2026-11-20T12:00:00Z");
const FROM = "2026-11-01";
const TO = "2026-11-19";
let sim: Simulator;

function io(): CommandIo & { out_: string[]; err_: string[] } {
  const out_: string[] = [];
  const err_: string[] = [];
  return { out_, err_, out: (t) => out_.push(t), err: (l) => err_.push(l) };
}

before(async () => {
  sim = await startSimulator({
    port: 0,
    seed: 4,
    clock: { start: NOW, frozen: true },
    anaplan: { users: 40, eventsPerDay: 150 },
  });
  const anaplan = new AnaplanClient({ ...sim.anaplan.clientOptions, log: quiet });
  const epm = new EpmClient({ ...sim.epm.clientOptions, pollIntervalMs: 2, log: quiet });
  try {
    await syncArchive({
      archive,
      anaplan,
      epm,
      now: () => sim.clock.now(),
      origin: { anaplan: "simulator (seed 4)", epm: "simulator (seed 4)" },
    });
  } finally {
    await Promise.all([anaplan.close(), epm.close()]);
  }
});
after(async () => {
  await sim.close();
  rmSync(root, { recursive: true, force: true });
});

describe("findings, evidence, verify and siem on an archive synced from the simulator", () => {
  it("findings lists what the rules found, and says which rules could not run", async () => {
    const term = io();
    assert.equal(
      await findingsCommand(["--archive", archive, "--from", FROM, "--to", TO], term),
      0,
      term.err_.join("\n"),
    );
    assert.match(
      term.out_.join(""),
      /^\d+ findings? in 2026-11-01 → 2026-11-19 \(UTC days, inclusive\); rules run: privileged-grant, self-grant, change-window, /,
    );
    // The rights: the archive's EPM role snapshot and Anaplan entitlement snapshot, both read.
    const conflict = sim.anaplan.entitlements.adminConflict!;
    const sod = term.out_
      .join("")
      .split("\n")
      .filter((l) => /^\w+\s+sod-admin-both-systems /.test(l));
    assert.deepEqual(
      sod.map((l) => l.split(/\s+/).slice(0, 4)),
      [["HIGH", "sod-admin-both-systems", conflict, "[anaplan+epm]"]],
    );
    assert.ok(!term.err_.some((l) => l.startsWith("partial rule")), term.err_.join("\n"));
    const bad = io();
    assert.equal(await findingsCommand(["--archive", archive, "--from", TO, "--to", FROM], bad), 2);
    assert.deepEqual(bad.err_, [
      "epm-audit-kit findings: --from 2026-11-19 is after --to 2026-11-01: the window would be empty (see epm-audit-kit findings --help)",
    ]);
  });

  it("an evidence pack verifies; a flipped byte is named; a rerun gives the same data hashes", async () => {
    const term = io();
    const p1 = join(root, "pack-1");
    assert.equal(
      await evidenceCommand(["--archive", archive, "--from", FROM, "--to", TO, "--out", p1], term),
      0,
      term.err_.join("\n"),
    );
    assert.match(
      term.out_.join(""),
      /^Wrote evidence pack 2026-11-01_2026-11-19 to .*pack-1: 12 files, \d+ findings \(first pack of this archive\)\.\n$/,
    );
    const p2 = join(root, "pack-2");
    assert.equal(
      await evidenceCommand(["--archive", archive, "--from", FROM, "--to", TO, "--out", p2], io()),
      0,
    );
    const manifest = (dir: string) =>
      JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as EvidenceManifest;
    assert.deepEqual(manifest(p2).files, manifest(p1).files);
    assert.equal(manifest(p2).sources.find((s) => s.name === "anaplan-events")?.origin, "simulator (seed 4)");
    const rights = manifest(p2).sources.find((s) => s.name === "anaplan-entitlements");
    assert.ok(rights && rights.rows > 0 && rights.covered.length === 1, JSON.stringify(rights));
    assert.ok(manifest(p2).files.some((f) => f.path === "data/anaplan-entitlements.parquet"));
    const ok = io();
    assert.equal(await verifyCommand([p2], ok), 0);
    assert.match(
      ok.out_.join(""),
      /^Verified: 2026-11-01_2026-11-19-2 <- 2026-11-01_2026-11-19 \(2 packs, 24 files, every hash matches\)\.\n$/,
    );
    const file = join(p1, "data", "epm-user-logins.parquet");
    const bytes = readFileSync(file);
    bytes[bytes.length - 20] = bytes[bytes.length - 20]! ^ 0x40;
    writeFileSync(file, bytes);
    const failed = io();
    assert.equal(await verifyCommand([p2], failed), 1);
    assert.equal(failed.err_.length, 1);
    assert.match(
      failed.err_[0]!,
      /^FAILED: previous pack 2026-11-01_2026-11-19 \(.*pack-1\): data\/epm-user-logins\.parquet changed/,
    );
  });

  it("siem sends every archived event once, as CEF a parser reads back", async () => {
    const state = join(root, "siem.json");
    const out = join(root, "events.cef");
    const first = io();
    assert.equal(
      await siemCommand(["--archive", archive, "--state", state, "--out", out], first),
      0,
      first.err_.join("\n"),
    );
    const archived = (await (await readArchive(archive)).events.collect()).height;
    const lines = readFileSync(out, "utf8").trimEnd().split("\n");
    assert.equal(lines.length, archived);
    assert.deepEqual(new Set(lines.map((l) => parseCefLine(l).header[0])), new Set(["Anaplan, Inc."]));
    const again = io();
    assert.equal(await siemCommand(["--archive", archive, "--state", state, "--out", out], again), 0);
    assert.deepEqual(again.err_, ["sent 0 event(s)"]);
    assert.equal(readFileSync(out, "utf8").trimEnd().split("\n").length, archived);
  });
  it("siem --findings sends the window's findings once, the same ones the findings command lists", async () => {
    const listed = io();
    assert.equal(
      await findingsCommand(["--archive", archive, "--from", FROM, "--to", TO, "--format", "jsonl"], listed),
      0,
    );
    const expected = listed.out_.join("").trimEnd().split("\n");
    assert.ok(expected.length > 0, "the simulator plants findings in this window");
    const state = join(root, "siem-findings.json");
    const out = join(root, "findings.jsonl");
    const args = ["--archive", archive, "--state", state, "--out", out, "--format", "jsonl"];
    const window = ["--findings", "--from", FROM, "--to", TO];
    assert.equal(await siemCommand([...args, ...window], io()), 0);
    const sent = readFileSync(out, "utf8").trimEnd().split("\n");
    const findingLines = sent.filter((l) => "ruleId" in (JSON.parse(l) as object));
    assert.deepEqual(findingLines.sort(), [...expected].sort());
    const again = io();
    assert.equal(await siemCommand([...args, ...window], again), 0);
    assert.deepEqual(again.err_, [
      "warning: rule dormant-privileged did not run: the sign-ins cover 19 days, fewer than the rule's 90: no sign-in in them does not prove dormancy (read a longer window from the archive)",
      "sent 0 event(s) and 0 finding(s)",
    ]);
    const late = io();
    assert.equal(await siemCommand([...args, "--findings", "--from", TO, "--to", FROM], late), 2);
    assert.deepEqual(late.err_, [
      "epm-audit-kit siem: --from 2026-11-19 is after --to 2026-11-01: the window would be empty (see epm-audit-kit siem --help)",
    ]);
  });
});
