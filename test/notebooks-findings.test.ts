/**
 * The findings report (issue 15, item 2) executed for real — Jupyter, the tslab kernel, the
 * built kit and the built-in simulator — and its findings.csv checked against the simulator's
 * ground truth: exactly the findings `sim.plantedFindings` derives from the planted violations
 * and the background records, with the built-in rules and with a rule file (`KIT_RULES`).
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import pl from "nodejs-polars";
import { hasJupyter, JUPYTER_APT_COMMAND, jupyterPython, runNotebook } from "../src/cli/run-notebook.js";
import type { ExpectedFinding } from "../src/simulator/expected-findings.js";
import { type Simulator, startSimulator } from "../src/simulator/start-simulator.js";

const repo = resolve(import.meta.dirname, "..");
const DAY = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const today = Math.floor(Date.now() / DAY) * DAY;
/** Ends two days ago: every event of the window is ingested, whichever second each run reads it. */
const WINDOW = { from: dayOf(today - 9 * DAY), to: dayOf(today - 2 * DAY) };
/** No credentials: the notebook uses the simulator (seed 1, as the one started below). */
const env: Record<string, string | undefined> = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^(ANAPLAN|EPM|KIT)_/.test(k) || k === "KIT_PYTHON"),
);
let scratch = "";
let sim: Simulator;

before(async () => {
  assert.ok(existsSync(join(repo, "dist", "index.js")), "dist/ is missing: run `npm run build`");
  assert.ok(
    hasJupyter(jupyterPython(env)),
    `Jupyter is needed for the notebook tests: ${JUPYTER_APT_COMMAND}`,
  );
  mkdirSync(join(repo, "out"), { recursive: true });
  scratch = mkdtempSync(join(repo, "out", "test-findings-"));
  sim = await startSimulator({ port: 0, seed: 1 });
});
after(async () => {
  await sim?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const key = (f: ExpectedFinding) =>
  [f.ruleId, f.system, f.person, f.firstSeen, f.lastSeen]
    .map((v) => (typeof v === "number" ? new Date(v).toISOString() : String(v)))
    .join(" | ");

/** The findings of a findings.csv as keys: rule, system, person, first and last seen. */
function csvKeys(path: string): string[] {
  const df = pl.readCSV(readFileSync(path, "utf8"), { inferSchemaLength: 0 });
  const when = (v: unknown) => (v ? Date.parse(String(v).replace(/\+0000$/, "Z")) : null);
  return df
    .toRecords()
    .map((r) =>
      key({
        ruleId: String(r.ruleId),
        person: String(r.person),
        system: String(r.system),
        firstSeen: when(r.firstSeen),
        lastSeen: when(r.lastSeen),
      }),
    )
    .sort();
}

async function run(name: string, extra: Record<string, string> = {}) {
  const outDir = join(scratch, name);
  const report = await runNotebook({
    notebook: join(repo, "notebooks", "findings.ipynb"),
    outDir,
    env: { ...env, ...extra },
    window: WINDOW,
  });
  return { outDir, html: readFileSync(report.html, "utf8") };
}

describe("notebooks/findings.ipynb on the simulator", () => {
  it("finds exactly the simulator's planted and background findings, sections in order, evidence saved", async () => {
    const { outDir, html } = await run("default");
    // Dormancy is not judged over 8 days (the rule is skipped, as asserted below).
    const expected = sim
      .plantedFindings(WINDOW)
      .filter((f) => f.ruleId !== "dormant-privileged")
      .map(key)
      .sort();
    assert.ok(expected.length > 20);
    assert.deepEqual(csvKeys(join(outDir, "findings.csv")), expected);
    const titles = [...html.matchAll(/<div class="kit-title">([^<]*)<\/div>/g)].map((m) => m[1] ?? "");
    assert.deepEqual(titles.slice(0, 3), [
      "Provenance",
      `Findings in ${WINDOW.from} → ${WINDOW.to} (8 days, UTC), most severe first`,
      "Rules of this report",
    ]);
    assert.match(
      html,
      /Not run on this report&#39;s data: dormant-privileged \(the sign-ins cover 8 days, fewer than the rule&#39;s 90: no sign-in in them does not prove dormancy \(read a longer window from the archive\)\)\./,
      "dormancy needs a longer window; segregation of duties runs on both systems' rights",
    );
    assert.ok(expected.some((k) => k.startsWith("sod-admin-both-systems | anaplan+epm | ")));
    assert.doesNotMatch(html, /ran on incomplete rights/, "both systems' rights were read");
    assert.doesNotMatch(html, /INCOMPLETE: these findings/, "every source covers the window");
    for (const rule of ["self-grant", "change-window", "deactivated-sign-in", "failed-sign-in-burst-address"])
      assert.ok(titles.includes(`${rule}: evidence rows`), rule);
    const evidence = readFileSync(join(outDir, "findings-evidence.csv"), "utf8").split("\n");
    assert.ok(evidence[0]?.startsWith("ruleId,person,system,"), evidence[0]);
  });

  it("reads the rules from KIT_RULES (report --rules FILE): exactly that rule's findings", async () => {
    const rules = join(scratch, "rules.yaml");
    writeFileSync(rules, "rules:\n  - { id: own-access, kind: self-grant, severity: critical }\n");
    const { outDir } = await run("rule-file", { KIT_RULES: rules });
    const expected = sim
      .plantedFindings(WINDOW)
      .filter((f) => f.ruleId === "self-grant")
      .map((f) => key({ ...f, ruleId: "own-access" }))
      .sort();
    assert.ok(expected.length >= 2, "the planted self-grants, Anaplan and EPM");
    assert.deepEqual(csvKeys(join(outDir, "findings.csv")), expected);
  });
});
