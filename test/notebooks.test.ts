/**
 * The notebooks (issue 4) executed for real: Jupyter's nbconvert + the tslab kernel + the built
 * kit (dist/, built by `pretest`) + the built-in simulator. Slow by nature (a kernel per
 * notebook), so each notebook runs once and every assertion reads its outputs.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { hasJupyter, JUPYTER_APT_COMMAND, jupyterPython, runNotebook } from "../src/cli/run-notebook.js";
import { NotebookError } from "../src/errors/notebook-error.js";

const repo = resolve(import.meta.dirname, "..");
/** The built command, as users run it. */
const BIN = join(repo, "bin", "epm-audit-kit.cjs");
const scratchRoot = join(repo, "out", "test-notebooks");
let scratch = "";
/** No credentials: the notebooks must use the simulator. */
const env: Record<string, string | undefined> = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^(ANAPLAN|EPM|KIT)_/.test(k) || k === "KIT_PYTHON"),
);

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, string | string[]>;
}
interface Cell {
  cell_type: string;
  source: string | string[];
  outputs?: Output[];
}
const joinText = (t: string | string[] | undefined) => (Array.isArray(t) ? t.join("") : (t ?? ""));

function writeNotebook(name: string, sources: string[]): string {
  const path = join(scratch, `${name}.ipynb`);
  const cells = sources.map((source) => ({
    cell_type: "code",
    metadata: {},
    execution_count: null,
    outputs: [],
    source,
  }));
  writeFileSync(
    path,
    JSON.stringify({
      cells,
      metadata: { kernelspec: { name: "tslab", display_name: "TypeScript (tslab)", language: "typescript" } },
      nbformat: 4,
      nbformat_minor: 5,
    }),
  );
  return path;
}

before(() => {
  assert.ok(
    existsSync(join(repo, "dist", "index.js")),
    "dist/ is missing: run `npm run build` (npm test does it in pretest) — the notebooks import the built kit",
  );
  assert.ok(
    hasJupyter(jupyterPython(env)),
    `Jupyter is needed for the notebook tests: ${JUPYTER_APT_COMMAND}`,
  );
  mkdirSync(scratchRoot, { recursive: true });
  scratch = mkdtempSync(join(scratchRoot, "run-"));
});
after(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const DAY = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const today = Math.floor(Date.now() / DAY) * DAY;
const KIT_VERSION = (JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as { version: string })
  .version;
/** 40 days ending yesterday: more than Anaplan keeps (30 days); the simulated EPM reports keep 90–120. */
const LONG = { from: dayOf(today - 40 * DAY), to: dayOf(today - DAY) };

const NOTEBOOKS = [
  {
    name: "anaplan-audit",
    csv: ["findings.csv", "anaplan-sign-ins.csv", "anaplan-access-changes.csv", "anaplan-events-by-type.csv"],
    charts: 2,
    window: { days: 7 },
    sources: ["Anaplan audit events", "Anaplan users"],
  },
  {
    name: "epm-access-audit",
    csv: ["findings.csv", "epm-access-changes.csv", "epm-sign-ins.csv"],
    charts: 2,
    window: { days: 7 },
    sources: [
      "Oracle EPM Group Assignment Audit report",
      "Oracle EPM Role Assignment Audit report",
      "Oracle EPM Invalid Login report",
      "Oracle EPM User Login report",
    ],
  },
  {
    name: "access-review",
    csv: ["findings.csv", "access-review.csv", "access-review-summary.csv"],
    charts: 1,
    window: LONG,
    sources: ["Anaplan audit events", "Anaplan users", "Oracle EPM User Group report"],
  },
];

for (const { name, csv, charts, window, sources } of NOTEBOOKS) {
  describe(`notebooks/${name}.ipynb`, () => {
    let cells: Cell[] = [];
    let html = "";
    let outDir = "";

    before(async () => {
      outDir = join(scratch, name);
      const report = await runNotebook({
        notebook: join(repo, "notebooks", `${name}.ipynb`),
        outDir,
        env,
        window,
      });
      cells = (JSON.parse(readFileSync(report.executed, "utf8")) as { cells: Cell[] }).cells;
      html = readFileSync(report.html, "utf8");
      process.stderr.write(`# ${name}: executed and exported in ${report.seconds.toFixed(1)} s\n`);
    });

    it("runs every code cell without error output, and says it uses the simulator", () => {
      const code = cells.filter((c) => c.cell_type === "code");
      assert.ok(code.length >= 5);
      for (const [i, cell] of code.entries()) {
        const errors = (cell.outputs ?? []).filter((o) => o.output_type === "stream" && o.name === "stderr");
        assert.deepEqual(
          errors.map((o) => joinText(o.text)),
          [],
          `code cell ${i + 1} wrote to stderr`,
        );
      }
      const first = JSON.stringify(code[0]?.outputs ?? []);
      assert.match(first, /built-in simulator \(seed 1/);
      if ("days" in window)
        assert.match(first, /Window: \d{4}-\d{2}-\d{2} → \d{4}-\d{2}-\d{2} \(7 days, UTC\)/);
      else assert.match(first, new RegExp(`Window: ${window.from} → ${window.to} \\(40 days, UTC\\)`));
    });

    it("writes an HTML report with real tables and non-empty SVG charts, and no code", () => {
      const tables = html.match(/<table class="kit-table">[\s\S]*?<\/table>/g) ?? [];
      assert.ok(tables.length >= 3, `tables: ${tables.length}`);
      const withRows = tables.filter((t) => /<tbody><tr><td/.test(t));
      assert.ok(withRows.length >= 3, `tables with rows: ${withRows.length}`);
      const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
      assert.equal(svgs.length, charts, "charts");
      for (const svg of svgs)
        assert.match(svg, /class="mark-rect role-mark[^"]*"[^>]*>\s*<path /, "a chart with bar marks");
      assert.doesNotMatch(html, /openAuditRun\(/, "code cells are left out");
      assert.doesNotMatch(
        html,
        /<script\b[^>]*\bsrc\s*=/i,
        "no script loaded from elsewhere (MathJax, require.js)",
      );
      assert.doesNotMatch(
        html,
        /<link\b[^>]*\bhref\s*=\s*["']?(https?:|file:|\/\/)/i,
        "no external stylesheet",
      );
      assert.doesNotMatch(
        html,
        /MathJax\.Hub|cdnjs|unpkg|jsdelivr/,
        "nothing that would show Loading [MathJax] offline",
      );
      assert.match(html, /<h1[^>]*>/);
    });

    it("opens with the provenance block: host, kit version, generation time (UTC), windows per source", () => {
      const block =
        /<div class="kit-provenance kit-frame" data-kit-provenance>[\s\S]*?<\/tbody><\/table>/.exec(
          html,
        )?.[0];
      assert.ok(block, "a provenance block");
      // It comes first: the first table and the first title of the report are the provenance block's.
      assert.ok(html.indexOf("data-kit-provenance") < html.indexOf('<table class="kit-table">'));
      assert.equal(/<div class="kit-title">([^<]*)<\/div>/.exec(html)?.[1], "Provenance");
      assert.match(block, new RegExp(`by epm-audit-kit <b>${KIT_VERSION.replace(/\./g, "\\.")}</b>`));
      const generated = /Generated <b>(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)<\/b> \(UTC\)/.exec(block)?.[1];
      assert.ok(
        generated && Math.abs(Date.parse(generated) - Date.now()) < 30 * 60_000,
        `generated ${generated}`,
      );
      const requested =
        /requested window <b>(\d{4}-\d\d-\d\d) → (\d{4}-\d\d-\d\d) \((\d+) days?, UTC\)<\/b>/.exec(block);
      assert.ok(requested, "the requested window");
      if (!("days" in window)) assert.deepEqual(requested.slice(1), [LONG.from, LONG.to, "40"]);
      for (const source of sources) {
        assert.match(
          block,
          new RegExp(`<tr><td>${source}</td><td class="kit-host">simulator</td><td>`),
          source,
        );
      }
      const rows = block.match(/<tr><td>[^<]+<\/td><td class="kit-host">[^<]+<\/td><td>[^<]+<\/td>/g) ?? [];
      assert.ok(
        rows.length >= sources.length &&
          rows.every((r) => /(UTC\)|current state at generation)<\/td>$/.test(r)),
        rows.join("\n"),
      );
    });

    it("has its Findings section first, right after the provenance: most severe first, not-run rules named, the planted SoD conflict found", () => {
      const titles = [...html.matchAll(/<div class="kit-title">([^<]*)<\/div>/g)].map((m) => m[1] ?? "");
      assert.equal(titles[0], "Provenance");
      assert.match(
        titles[1] ?? "",
        /^Findings in \d{4}-\d\d-\d\d → \d{4}-\d\d-\d\d \(\d+ days, UTC\), most severe first$/,
      );
      const headings = [...html.matchAll(/<h2[^>]*>([^<]*)/g)].map((m) => m[1]);
      assert.equal(headings[0], "Findings");
      assert.match(
        html,
        /Not run on this report&#39;s data: dormant-privileged \(the sign-ins cover \d+ days, fewer than the rule&#39;s 90: no sign-in in them does not prove dormancy \(read a longer window from the archive\)\)\./,
      );
      const [header, ...rows] = readFileSync(join(outDir, "findings.csv"), "utf8").trim().split("\n");
      assert.equal(header, "ruleId,severity,person,system,firstSeen,lastSeen,count,summary");
      // The rules over held rights read both systems' rights: the simulator's planted SoD conflict.
      assert.deepEqual(
        rows.filter((r) => r.startsWith("sod-admin-both-systems,")),
        [
          "sod-admin-both-systems,high,hiro.kim@example.com,anaplan+epm,,,2,Holds Workspace Administrator (anaplan) and Service Administrator (epm) together",
        ],
      );
      const rank = ["critical", "high", "medium", "low"];
      const severities = rows.map((r) => rank.indexOf(r.split(",")[1] ?? ""));
      assert.ok(
        severities.length > 0 && severities.every((s, i) => s >= 0 && (i === 0 || s >= severities[i - 1]!)),
      );
      if ("days" in window) assert.doesNotMatch(html, /INCOMPLETE: these findings/);
      else
        assert.match(
          html,
          /INCOMPLETE: these findings rest on data that does not cover the whole window: Anaplan audit events: partial/,
        );
    });

    it("says which sources cover less than the window, and explains empty sections", () => {
      const warnings = [...html.matchAll(/role="alert">⚠ ([^<]*)<\/div>/g)].map((m) => m[1]);
      if ("days" in window) {
        assert.deepEqual(warnings, [], "a 7-day window is covered completely");
        assert.doesNotMatch(html, /INCOMPLETE/);
      } else {
        // Anaplan holds 30 days.
        const anaplanFrom =
          /<tr><td>Anaplan audit events<\/td><td class="kit-host">simulator<\/td><td>(\d{4}-\d\d-\d\d) → /.exec(
            html,
          )?.[1] ?? "";
        assert.ok(anaplanFrom > LONG.from && anaplanFrom >= dayOf(today - 30 * DAY), anaplanFrom);
        assert.ok(
          warnings.some((w) =>
            w?.startsWith(
              `Anaplan audit events cover only ${anaplanFrom} → ${LONG.to} of the requested window: ${LONG.from} → `,
            ),
          ),
          warnings.join("\n"),
        );
        // The simulated EPM reports keep 90 to 120 days: they cover the 40 days, so no other warning.
        assert.equal(warnings.length, 1, warnings.join("\n"));
        assert.match(html, /<td class="kit-bad">INCOMPLETE<\/td>/);
      }
      const empty = [...html.matchAll(/kit-empty kit-explained">([^<]*)</g)].map((m) => m[1] ?? "");
      assert.ok(
        empty.every((e) => /^No .+ (in|shown)/.test(e)),
        empty.join("\n"),
      );
      assert.doesNotMatch(html, /<div class="kit-empty">No rows\.<\/div>/, "no unexplained empty table");
    });

    if (name !== "epm-access-audit") {
      it("names event codes, compares last sign-ins with the users API, flags the planted deactivated sign-in", () => {
        const table = (title: string) =>
          new RegExp(
            `<div class="kit-title">${title}</div>(?:<div class="kit-shape">([^<]*)</div>|<div class="kit-empty kit-explained">([^<]*)</div>)`,
          ).exec(html);
        // The simulator's users API agrees with its events: no disagreement, and the sentence says over which days.
        const disagreements = table("Last sign-in: events and users API disagree");
        if (name === "anaplan-audit") {
          assert.match(
            html,
            /<td>USR-8<\/td><td>User login success<\/td><td>user_activity<\/td><td>false<\/td>/,
          );
          assert.match(
            html,
            /<td>AUTHZ-3<\/td><td>Role assigned<\/td><td>access_control<\/td><td class="kit-true">true<\/td>/,
          );
          assert.match(table("Privileged events — oldest first")?.[1] ?? "", /^[\d,]+ rows × 6 columns$/);
          assert.match(
            disagreements?.[2] ?? "",
            /^No disagreements between sign-in events and the users API&#39;s lastLoginDate in \d{4}-\d\d-\d\d → \d{4}-\d\d-\d\d \(Anaplan audit events, complete\)\.$/,
          );
          // One planted account: listed as deactivated, yet it signs in (ground truth, see users-routes).
          assert.equal(table("Deactivated accounts with a sign-in in the window")?.[1], "1 row × 6 columns");
        } else {
          assert.match(
            disagreements?.[2] ?? "",
            new RegExp(
              `^No disagreements between sign-in events and the users API&#39;s lastLoginDate in \\d{4}-\\d\\d-\\d\\d → ${LONG.to}, the part of ${LONG.from} → ${LONG.to} that Anaplan audit events cover \\(INCOMPLETE: the other days were not read\\)\\.$`,
            ),
          );
          assert.equal(
            table("Deactivated in Anaplan, with a sign-in in the window")?.[1],
            "1 row × 7 columns",
          );
          assert.match(
            html,
            /<td>Signed in although deactivated in Anaplan<\/td><td class="kit-num">1<\/td>/,
          );
        }
      });
    }

    it("saves its findings as CSV into KIT_OUT, with the provenance beside them", () => {
      for (const file of csv) {
        const text = readFileSync(join(outDir, file), "utf8");
        assert.ok(text.split("\n").length > 2, `${file} has rows`);
      }
      const saved = JSON.parse(readFileSync(join(outDir, "provenance.json"), "utf8")) as {
        kitVersion: string;
        sources: Array<{ label: string; host: string }>;
      };
      assert.equal(saved.kitVersion, KIT_VERSION);
      assert.deepEqual(
        sources.filter((s) => !saved.sources.some((x) => x.label === s && x.host === "simulator")),
        [],
      );
    });
  });
}

describe("a notebook of your own", () => {
  it("runs from its own folder, imports the kit by name, and reports into ./out/reports of the current folder", () => {
    const notebook = writeNotebook("own", [
      'import { ValidationError } from "epm-audit-kit";\nconsole.log(new ValidationError("checked").code);',
    ]);
    const cwd = mkdtempSync(join(scratch, "cwd-"));
    const run = spawnSync(process.execPath, [BIN, "report", notebook], { cwd, env, encoding: "utf8" });
    assert.equal(run.status, 0, run.stderr);
    const executed = JSON.parse(readFileSync(join(cwd, "out", "reports", "own.ipynb"), "utf8")) as {
      cells: Cell[];
    };
    assert.equal(joinText(executed.cells[0]?.outputs?.[0]?.text), "E_VALIDATION\n");
    const html = readFileSync(join(cwd, "out", "reports", "own.html"), "utf8");
    assert.match(html, /E_VALIDATION/);
    assert.doesNotMatch(html, /<script\b[^>]*\bsrc\s*=/i);
  });
});

describe("failing notebooks", () => {
  it("`epm-audit-kit report` exits non-zero on a TypeScript type error and names the cell", () => {
    const notebook = writeNotebook("type-error", [
      "const ok: number = 1;\nconsole.log(ok);",
      'const n: number = "oops";',
    ]);
    const run = spawnSync(process.execPath, [BIN, "report", notebook, "--out", join(scratch, "te")], {
      env,
      encoding: "utf8",
    });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /^epm-audit-kit report: type-error\.ipynb: cell 2 failed/m);
    assert.match(run.stderr, /1:7 - Type 'string' is not assignable to type 'number'\./);
    assert.ok(existsSync(join(scratch, "te", "type-error.ipynb")), "the partly executed notebook is kept");
    assert.ok(!existsSync(join(scratch, "te", "type-error.html")), "no report for a failed run");
  });

  it("a runtime error fails with the cell's error output", async () => {
    const notebook = writeNotebook("throws", [
      'console.log("fine");',
      'throw new Error("boom in cell 2");',
      'console.log("never");',
    ]);
    await assert.rejects(runNotebook({ notebook, outDir: join(scratch, "rt"), env }), (error: unknown) => {
      assert.ok(error instanceof NotebookError);
      assert.equal(error.code, "E_NOTEBOOK");
      assert.equal(error.cell, 2);
      assert.match(error.output ?? "", /boom in cell 2/);
      return true;
    });
  });

  it("TypeScript diagnostics in a cell's stderr count as a failure even if the cell passed", async () => {
    const notebook = writeNotebook("diagnostic", ["console.error(\"3:1 - Cannot find name 'x'.\");"]);
    await assert.rejects(runNotebook({ notebook, outDir: join(scratch, "dg"), env }), {
      name: "NotebookError",
      message: /cell 1 failed[\s\S]*3:1 - Cannot find name 'x'\./,
    });
  });

  it("without Jupyter: a clear message with the apt-get command, and exit code 2", () => {
    const run = spawnSync(process.execPath, [BIN, "report", "anaplan-audit"], {
      env: { ...env, KIT_PYTHON: "/nonexistent/python3" },
      encoding: "utf8",
    });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /Jupyter is not installed for \/nonexistent\/python3/);
    assert.match(
      run.stderr,
      /sudo apt-get install -y jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel/,
    );
  });

  it("--help explains the options; bad usage exits 2", () => {
    const help = spawnSync(process.execPath, [BIN, "report", "--help"], {
      env,
      encoding: "utf8",
    });
    assert.equal(help.status, 0);
    assert.match(help.stdout, /--from, --to {4}the report window as UTC days/);
    const bad = spawnSync(process.execPath, [BIN, "report", "all", "--from", "2026-11-01"], {
      env,
      encoding: "utf8",
    });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^epm-audit-kit report: .*--to.*\(see epm-audit-kit report --help\)\n$/);
  });
});
