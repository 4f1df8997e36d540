/**
 * The built command, as a user runs it: child processes of bin/epm-audit-kit.cjs over dist/
 * (built by `npm run build`; `npm test` does it in pretest).
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { TIME_RULE_HELP } from "./time-rule-help.js";

const repo = resolve(import.meta.dirname, "..", "..");
const BIN = join(repo, "bin", "epm-audit-kit.cjs");
const COMMANDS = [
  "demo",
  "simulator",
  "sync",
  "export",
  "report",
  "kernel",
  "login",
  "logout",
  "findings",
  "evidence",
  "verify",
  "siem",
  "ddl",
];
/** No credentials and no Jupyter overrides from the calling shell. */
const cleanEnv: Record<string, string | undefined> = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^(ANAPLAN|EPM|KIT)_/.test(k)),
);
let scratch = "";

function cli(args: string[], env: Record<string, string | undefined> = {}, cwd = scratch) {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...cleanEnv, ...env },
    encoding: "utf8",
    timeout: 120_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

before(() => {
  assert.ok(existsSync(join(repo, "dist", "cli", "main.js")), "dist/ is missing: run `npm run build` first");
  scratch = mkdtempSync(join(tmpdir(), "kit-cli-"));
});
after(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe("epm-audit-kit --help / --version", () => {
  it("--version prints package.json's version", () => {
    const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as { version: string };
    assert.deepEqual(cli(["--version"]), { status: 0, stdout: `${pkg.version}\n`, stderr: "" });
  });

  it("--help lists every subcommand and states the time rule", () => {
    const help = cli(["--help"]);
    assert.equal(help.status, 0);
    assert.equal(help.stderr, "");
    for (const name of COMMANDS) assert.match(help.stdout, new RegExp(`^  ${name} +\\S`, "m"), name);
    assert.ok(help.stdout.includes(TIME_RULE_HELP));
  });

  for (const name of COMMANDS) {
    it(`${name} --help: its usage line and the time rule, exit 0`, () => {
      const help = cli([name, "--help"]);
      assert.equal(help.status, 0, help.stderr);
      assert.equal(help.stderr, "");
      assert.ok(help.stdout.startsWith(`epm-audit-kit ${name}`), help.stdout.slice(0, 80));
      assert.ok(help.stdout.includes(TIME_RULE_HELP), `${name} --help states the time rule`);
      assert.ok(help.stdout.includes("--verbose"), `${name} --help lists --verbose`);
    });
  }
});

describe("user mistakes: one line naming what to fix, exit 2, no stack trace", () => {
  const cases: Array<{ args: string[]; env?: Record<string, string>; line: string }> = [
    {
      args: ["frob"],
      line: 'epm-audit-kit: Unknown command "frob": use one of demo, simulator, sync, export, report, kernel, login, logout, findings, evidence, verify, siem, ddl. (see epm-audit-kit --help)',
    },
    {
      args: ["report", "all", "--days", "ten"],
      line: 'epm-audit-kit report: --days must be a whole number of days from 1 to 366, got "ten". (see epm-audit-kit report --help)',
    },
    { args: ["report", "all", "--from", "2026-02-30", "--to", "2026-03-01"], line: "--from" },
    { args: ["report", "all", "--from", "2026-11-01"], line: "--to" },
    {
      args: ["report", "no-such-notebook"],
      line: 'epm-audit-kit report: No notebook "no-such-notebook": give a path to an .ipynb file, or one of anaplan-audit, epm-access-audit, access-review, findings, entitlement-review, all. (see epm-audit-kit report --help)',
    },
    { args: ["report", "all", "--timeout", "soon"], line: "--timeout" },
    { args: ["demo", "--dyas", "3"], line: "epm-audit-kit demo: Unknown option '--dyas'" },
    { args: ["demo", "--days", "0"], line: "--days" },
    {
      args: ["sync"],
      line: "epm-audit-kit sync: --archive DIR is required. (see epm-audit-kit sync --help)",
    },
    { args: ["sync", "--archive", "a", "--since", "yesterday"], line: "--since" },
    {
      args: ["export", "events", "--out", "x.csv", "--from", "2026-11-05", "--to", "2026-11-01"],
      line: "--from",
    },
    { args: ["export", "nope", "--out", "x.csv"], line: "Give one FRAME of:" },
    { args: ["simulator", "--port", "-1"], line: "--port" },
    { args: ["kernel", "--prefix", ""], line: "--prefix" },
    {
      args: ["demo"],
      env: { EPM_USERNAME: "me@corp", EPM_PASSWORD: "Sup3r-Secret!" },
      line: "epm-audit-kit demo: EPM_USERNAME, EPM_PASSWORD are set but EPM_URL is not: set EPM_URL to your pod (https://<pod>.oraclecloud.com), or unset EPM_USERNAME, EPM_PASSWORD to use the simulator.",
    },
    {
      args: ["report", "all"],
      env: { EPM_TOKEN: "tok-Sup3r-Secret" },
      line: "EPM_TOKEN is set but EPM_URL is not",
    },
    { args: ["sync", "--archive", "a"], env: { EPM_PASSWORD: "Sup3r-Secret!" }, line: "EPM_URL" },
    {
      args: ["export", "users", "--out", "u.csv"],
      env: { ANAPLAN_AUDIT_URL: "https://x" },
      line: "ANAPLAN_AUDIT_URL",
    },
  ];
  for (const { args, env, line } of cases) {
    it(`${args.join(" ")}${env ? ` with ${Object.keys(env).join(", ")}` : ""}`, () => {
      const run = cli(args, env);
      assert.equal(run.status, 2, run.stderr);
      assert.equal(run.stdout, "");
      const lines = run.stderr.split("\n");
      assert.equal(lines.length, 2, `one line: ${run.stderr}`);
      if (line.startsWith("epm-audit-kit")) assert.ok(lines[0]!.startsWith(line), lines[0]);
      else assert.ok(lines[0]!.includes(line), lines[0]);
      assert.doesNotMatch(run.stderr, /^\s+at /m, "no stack trace");
      assert.doesNotMatch(run.stderr, /\bE_[A-Z]+/, "no code names");
      for (const value of Object.values(env ?? {})) {
        if (/Secret/.test(value)) assert.ok(!run.stderr.includes(value), "no secret echoed");
      }
      assert.deepEqual(readdirSync(scratch), [], "nothing written, nothing started");
    });
  }

  it("--verbose adds the stack trace", () => {
    const run = cli(["--verbose", "report", "all", "--days", "ten"]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /^epm-audit-kit report: --days must be a whole number/);
    assert.match(run.stderr, /^\s+at /m);
  });
});

describe("report --rules FILE: the rule file is checked before Jupyter starts", () => {
  let rulesDir = "";
  before(() => {
    rulesDir = mkdtempSync(join(tmpdir(), "kit-rules-"));
  });
  after(() => rmSync(rulesDir, { recursive: true, force: true }));
  const noJupyter = { KIT_PYTHON: "/nonexistent/python3" };

  it("a bad rule: exit 2, the file and line named, Jupyter not reached", () => {
    const file = join(rulesDir, "bad.yaml");
    writeFileSync(
      file,
      "rules:\n  - { id: ok, kind: self-grant, severity: high }\n  - { id: nope, kind: self-grant, severity: urgent }\n",
    );
    const run = cli(["report", "all", "--rules", file], noJupyter);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, new RegExp(`^epm-audit-kit report: The rule file ${file} has 1 problem:`));
    assert.match(run.stderr, new RegExp(`${file} line 3: `));
    assert.doesNotMatch(run.stderr, /Jupyter/);
  });

  it("KIT_RULES is checked the same way; a missing file is named", () => {
    const run = cli(["report", "all"], { ...noJupyter, KIT_RULES: join(rulesDir, "missing.yaml") });
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /KIT_RULES .*missing\.yaml: no such file\./);
  });

  it("a good rule file passes: the next check (Jupyter) answers", () => {
    const file = join(rulesDir, "good.yaml");
    writeFileSync(file, "- { id: own-access, kind: self-grant, severity: critical }\n");
    const run = cli(["report", "all", "--rules", file], noJupyter);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, /Jupyter/);
  });
});

describe("running a command builds and deletes nothing", () => {
  it("npm run report -- --help leaves dist/ as it was", () => {
    const before = statSync(join(repo, "dist", "index.js")).mtimeMs;
    const listing = readdirSync(join(repo, "dist")).sort();
    const run = spawnSync("npm", ["run", "--silent", "report", "--", "--help"], {
      cwd: repo,
      env: cleanEnv,
      encoding: "utf8",
    });
    assert.equal(run.status, 0, run.stderr);
    assert.ok(run.stdout.startsWith("epm-audit-kit report"));
    assert.equal(statSync(join(repo, "dist", "index.js")).mtimeMs, before);
    assert.deepEqual(readdirSync(join(repo, "dist")).sort(), listing);
  });
});

describe("demo and kernel write where the user is", () => {
  it("demo writes under the current folder (no Jupyter here: says how to get the reports)", () => {
    const cwd = mkdtempSync(join(scratch, "demo-"));
    const run = cli(["demo", "--days", "2"], { KIT_PYTHON: "/nonexistent/python3" }, cwd);
    assert.equal(run.status, 0, run.stderr);
    assert.match(
      run.stdout,
      /^No ANAPLAN_\* or EPM_\* variables set: using the built-in simulator at http:\/\/127\.0\.0\.1:\d+ \(seed 1\) for everything\./,
    );
    assert.match(run.stdout, /HTML reports skipped: Jupyter is not installed for \/nonexistent\/python3/);
    assert.deepEqual(readdirSync(cwd), ["out"]);
    assert.deepEqual(readdirSync(join(cwd, "out")).sort(), [
      "anaplan-events-with-users.csv",
      "anaplan-events-with-users.parquet",
      "anaplan-events.parquet",
      "anaplan-users.parquet",
      "epm-group-assignment-audit.csv",
      "epm-group-assignment-audit.parquet",
      "epm-invalid-logins.csv",
      "epm-invalid-logins.parquet",
      "epm-role-assignment-audit.csv",
      "epm-role-assignment-audit.parquet",
      "epm-role-assignments.csv",
      "epm-role-assignments.parquet",
      "epm-user-groups.csv",
      "epm-user-groups.parquet",
      "epm-user-logins.csv",
      "epm-user-logins.parquet",
    ]);
  });

  it("kernel --prefix DIR writes DIR/share/jupyter/kernels/tslab/kernel.json started with this Node", () => {
    const prefix = join(scratch, "prefix");
    const run = cli(["kernel", "--prefix", prefix]);
    assert.equal(run.status, 0, run.stderr);
    const kernelJson = join(prefix, "share", "jupyter", "kernels", "tslab", "kernel.json");
    assert.ok(
      run.stdout.startsWith(
        `Registered the "tslab" TypeScript kernel (Node ${process.version}) in ${kernelJson}.`,
      ),
    );
    const spec = JSON.parse(readFileSync(kernelJson, "utf8"));
    assert.deepEqual(spec, {
      argv: [
        process.execPath,
        join(repo, "node_modules", "tslab", "bin", "tslab"),
        "kernel",
        "--config-path",
        "{connection_file}",
      ],
      display_name: "TypeScript (tslab)",
      language: "typescript",
    });
  });
});

describe("Node older than 22", () => {
  const old = "/usr/bin/node";
  const version = existsSync(old)
    ? spawnSync(old, ["-p", "process.versions.node"], { encoding: "utf8" }).stdout.trim()
    : "";
  it("gets one clear line and exit 2, before anything loads", {
    skip: Number(version.split(".")[0]) < 22 && version ? false : `no Node < 22 at ${old}`,
  }, () => {
    const run = spawnSync(old, [BIN, "demo"], { cwd: scratch, env: cleanEnv, encoding: "utf8" });
    assert.equal(run.status, 2);
    assert.equal(run.stdout, "");
    assert.ok(
      run.stderr.startsWith(`epm-audit-kit needs Node.js 22 or newer; this is Node ${version} (`),
      run.stderr,
    );
    assert.equal(run.stderr.split("\n").length, 2);
  });
});
