/**
 * The published package as a user gets it: `npm pack` of the built kit (dist/, built by `pretest`),
 * installed into an empty project in a temp folder, then used from a sub-folder of that project:
 * every entry point from ESM `import` and from `require()`, its types with tslab's own TypeScript
 * (5.0, node10 resolution, CommonJS: what notebooks compile with), and a tslab cell that imports
 * the kit by name and runs.
 *
 * Install: by default the .tgz is unpacked into node_modules/epm-audit-kit and the kit's declared
 * dependencies are linked from this checkout's node_modules (offline, seconds; a dependency the
 * kit uses but does not declare fails, since only declared ones are linked). With
 * KIT_PACKAGE_TEST_INSTALL=npm it runs a real `npm install <tgz>` instead (needs the npm registry
 * or a warm npm cache; ~30 s here).
 */
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";

const repo = resolve(import.meta.dirname, "..");
const NAME = "epm-audit-kit";
/** Runtime values that must not be reachable from any entry point. */
const INTERNALS = [
  "Transport",
  "Redactor",
  "redactUrl",
  "parseEventsPage",
  "parseUsersPage",
  "runNotebook",
  "runNotebookReports",
  "installKernel",
  "hasJupyter",
  "KERNEL_NAME",
  "KIT_NOTEBOOKS",
  "JUPYTER_APT_COMMAND",
  "stripEpmCsvPreamble",
  "packageRoot",
  "readEventsFast",
];
const ROOT_LIMIT = 40;

interface PackageJson {
  dependencies?: Record<string, string>;
  bin?: Record<string, string>;
  version: string;
  exports: Record<string, string | { types: string; default: string }>;
}
const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as PackageJson;
/** "epm-audit-kit", "epm-audit-kit/anaplan", … from package.json `exports`. */
const specifiers = Object.keys(pkg.exports)
  .filter((key) => key !== "./package.json")
  .map((key) => (key === "." ? NAME : `${NAME}/${key.slice(2)}`));

let temp = "";
/** A sub-folder of the user's project, where their scripts and notebooks live. */
let work = "";
let packedFiles: string[] = [];

/**
 * The few parts of TypeScript 5.0's compiler API this test uses (the repo's own `typescript` is
 * the native 7.x compiler, which has no such API, so its types cannot describe tslab's copy).
 */
interface TsApi {
  versionMajorMinor: string;
  ModuleKind: { CommonJS: number };
  ModuleResolutionKind: { Node10: number };
  ScriptTarget: { ES2022: number };
  createProgram(rootNames: string[], options: Record<string, unknown>): unknown;
  getPreEmitDiagnostics(program: unknown): ReadonlyArray<{
    file?: { fileName: string };
    code: number;
    messageText: string | object;
  }>;
  flattenDiagnosticMessageText(text: string | object, newLine: string): string;
}

/** Runs a command with a bound, returning stdout; a failure shows the command's stderr. */
function run(command: string, args: string[], cwd: string, timeout = 120_000): string {
  return execFileSync(command, args, { cwd, timeout, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** `npm pack` without lifecycle scripts (dist/ is already built): the .tgz path and its file list. */
function pack(): { tgz: string; files: string[] } {
  const out = run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", temp], repo);
  const [info] = JSON.parse(out) as Array<{ filename: string; files: Array<{ path: string }> }>;
  assert.ok(info, "npm pack printed no package");
  return { tgz: join(temp, info.filename), files: info.files.map((f) => f.path) };
}

/** Unpacks the .tgz as node_modules/epm-audit-kit and links each declared dependency from the checkout. */
function installLinked(project: string, tgz: string): void {
  const modules = join(project, "node_modules");
  mkdirSync(modules, { recursive: true });
  run("tar", ["-xzf", tgz, "-C", modules], project);
  renameSync(join(modules, "package"), join(modules, NAME));
  for (const dep of Object.keys(pkg.dependencies ?? {})) {
    const source = join(repo, "node_modules", dep);
    assert.ok(existsSync(source), `${dep} is not installed in the checkout: run npm ci`);
    mkdirSync(dirname(join(modules, dep)), { recursive: true });
    symlinkSync(source, join(modules, dep), "dir");
  }
}

before(() => {
  assert.ok(
    existsSync(join(repo, "dist", "index.js")),
    "dist/ is missing: run `npm run build` (npm test does it in pretest)",
  );
  temp = mkdtempSync(join(tmpdir(), "kit-package-"));
  const project = join(temp, "project");
  work = join(project, "analysis", "q3");
  mkdirSync(work, { recursive: true });
  writeFileSync(
    join(project, "package.json"),
    `${JSON.stringify({ name: "user-project", private: true })}\n`,
  );
  const { tgz, files } = pack();
  packedFiles = files;
  if (process.env.KIT_PACKAGE_TEST_INSTALL === "npm") {
    run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", tgz], project, 300_000);
  } else {
    installLinked(project, tgz);
  }
});

after(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

/** Each entry's runtime names, loaded by a child Node process in the project's sub-folder. */
function namesFrom(kind: "esm" | "cjs"): Record<string, string[]> {
  const load =
    kind === "esm"
      ? "const load = (s) => import(s);"
      : "const { createRequire } = require('node:module'); const req = createRequire(__filename); const load = async (s) => req(s);";
  const body = `${load}
(async () => {
  const out = {};
  for (const s of ${JSON.stringify(specifiers)}) out[s] = Object.keys(await load(s)).filter((k) => k !== "default" && k !== "module.exports").sort();
  process.stdout.write(JSON.stringify(out));
})();`;
  const file = join(work, kind === "esm" ? "names.mjs" : "names.cjs");
  writeFileSync(file, body);
  return JSON.parse(run(process.execPath, [file], work)) as Record<string, string[]>;
}

describe("this checkout", () => {
  it("has node_modules/epm-audit-kit as npm's link to itself, so its notebooks resolve the kit by name", () => {
    // The devDependency "epm-audit-kit": "file:" makes npm ci create the link (no link is made at
    // run time); tslab's node10 type check needs it, as it ignores a package's self-reference.
    assert.equal(realpathSync(join(repo, "node_modules", NAME)), realpathSync(repo));
    const lock = JSON.parse(readFileSync(join(repo, "package-lock.json"), "utf8")) as {
      packages: Record<string, unknown>;
    };
    assert.deepEqual(lock.packages[`node_modules/${NAME}`], { resolved: "", link: true });
  });
});

describe("the packed package", { timeout: 600_000 }, () => {
  it("ships dist/ and the notebooks, no sources, tests or source maps", () => {
    for (const target of Object.values(pkg.exports)) {
      const paths = typeof target === "string" ? [target] : [target.types, target.default];
      for (const path of paths)
        assert.ok(packedFiles.includes(path.slice(2)), `${path} is not in the package`);
    }
    assert.deepEqual(packedFiles.filter((f) => f.startsWith("notebooks/")).sort(), [
      "notebooks/access-review.ipynb",
      "notebooks/anaplan-audit.ipynb",
      "notebooks/entitlement-review.ipynb",
      "notebooks/epm-access-audit.ipynb",
      "notebooks/findings.ipynb",
    ]);
    assert.deepEqual(
      packedFiles.filter((f) => /^(src|test|bench|scripts|api)\/|\.map$|\.test\./.test(f)),
      [],
    );
  });

  it("ships the epm-audit-kit command: its --help and --version answer from the installed package", () => {
    assert.equal(pkg.bin?.["epm-audit-kit"], "bin/epm-audit-kit.cjs");
    assert.ok(packedFiles.includes("bin/epm-audit-kit.cjs"));
    const bin = join(work, "..", "..", "node_modules", "epm-audit-kit", "bin", "epm-audit-kit.cjs");
    const help = run(process.execPath, [bin, "--help"], work);
    for (const name of [
      "demo",
      "simulator",
      "sync",
      "export",
      "report",
      "kernel",
      "login",
      "findings",
      "verify",
    ]) {
      assert.match(help, new RegExp(`^  ${name} +\\S`, "m"), name);
    }
    assert.equal(run(process.execPath, [bin, "--version"], work), `${pkg.version}\n`);
  });

  it("loads every entry point from ESM import and from require(), with the same names", () => {
    const esm = namesFrom("esm");
    const cjs = namesFrom("cjs");
    assert.deepEqual(Object.keys(esm), specifiers);
    assert.deepEqual(cjs, esm);
    const root = esm[NAME] ?? [];
    assert.ok(root.length > 0 && root.length <= ROOT_LIMIT, `the root exports ${root.length} runtime values`);
    for (const [specifier, names] of Object.entries(esm)) {
      assert.deepEqual(
        names.filter((n) => INTERNALS.includes(n)),
        [],
        `${specifier} exports internals`,
      );
    }
  });

  it("exports from the root only values that a layer entry exports too, the very same objects", async () => {
    const file = join(work, "same.cjs");
    writeFileSync(
      file,
      `const root = require(${JSON.stringify(NAME)});
const layers = ${JSON.stringify(specifiers.slice(1))}.map((s) => require(s));
const orphans = Object.keys(root).filter((k) => !layers.some((l) => l[k] === root[k]));
process.stdout.write(JSON.stringify(orphans));`,
    );
    assert.deepEqual(JSON.parse(run(process.execPath, [file], work)), []);
  });

  it("refuses deep imports of files that are not entry points", () => {
    const file = join(work, "deep.mjs");
    writeFileSync(
      file,
      `import { createRequire } from "node:module";
const codes = [];
try { createRequire(import.meta.url)("${NAME}/dist/http/transport.js"); } catch (e) { codes.push(e.code); }
try { await import("${NAME}/dist/http/transport.js"); } catch (e) { codes.push(e.code); }
process.stdout.write(JSON.stringify(codes));`,
    );
    assert.deepEqual(JSON.parse(run(process.execPath, [file], work)), [
      "ERR_PACKAGE_PATH_NOT_EXPORTED",
      "ERR_PACKAGE_PATH_NOT_EXPORTED",
    ]);
  });

  it("type-checks every entry with tslab's TypeScript 5.0 (node10, CommonJS), library files included", () => {
    const tslab = dirname(createRequire(join(repo, "package.json")).resolve("tslab/package.json"));
    const ts = createRequire(join(tslab, "package.json"))("@tslab/typescript-for-tslab") as TsApi;
    assert.equal(ts.versionMajorMinor, "5.0");
    const imports = specifiers.map((s, i) => `import * as e${i} from "${s}";`).join("\n");
    writeFileSync(
      join(work, "ok.ts"),
      `${imports}\nexport const all = [${specifiers.map((_, i) => `e${i}`).join(", ")}];\n`,
    );
    writeFileSync(
      join(work, "bad.ts"),
      `import { accessReview } from "${NAME}/frames";\nexport const n: number = accessReview;\n`,
    );
    const options = {
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      target: ts.ScriptTarget.ES2022,
      lib: ["lib.es2022.d.ts"],
      esModuleInterop: true,
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      typeRoots: [join(tslab, "node_modules", "@types")],
      types: ["node"],
    };
    const diagnostics = (file: string) =>
      ts
        .getPreEmitDiagnostics(ts.createProgram([join(work, file)], options))
        .map(
          (d) =>
            `${d.file?.fileName ?? ""} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`,
        );
    assert.deepEqual(diagnostics("ok.ts"), []);
    // The types are real, not `any`: a wrong use is caught, naming the function's signature.
    const bad = diagnostics("bad.ts");
    assert.equal(bad.length, 1, bad.join("\n"));
    assert.match(
      bad[0] ?? "",
      /bad\.ts TS2322: Type '\(anaplanUsers: DataFrame<any>, epmUsers: DataFrame<any>/,
    );
  });

  it("runs a tslab cell in the project's sub-folder that imports the kit by name", () => {
    const tslab = dirname(createRequire(join(repo, "package.json")).resolve("tslab/package.json"));
    const probe = join(work, "tslab-cell.cjs");
    writeFileSync(
      probe,
      `const { createConverter } = require(${JSON.stringify(join(tslab, "dist", "converter"))});
const { createExecutor } = require(${JSON.stringify(join(tslab, "dist", "executor"))});
const conv = createConverter({ isJS: false, isBrowser: false });
const lines = [];
const ex = createExecutor(process.cwd(), { node: conv, browser: null, close() { conv.close(); } },
  { log: (...a) => lines.push(a.join(" ")), error: (...a) => lines.push("ERR " + a.join(" ")) });
ex.execute(\`import { ValidationError, accessReview } from "${NAME}";
import { progress } from "${NAME}/notebook";
import type { Simulator } from "${NAME}/simulator";
import { relative } from "node:path";
const kinds: string = [typeof accessReview, typeof progress, new ValidationError("x").name].join(" ");
console.log(kinds, relative(process.cwd(), require.resolve("${NAME}/notebook")));\`).then((ok) => {
  ex.close();
  process.stdout.write(JSON.stringify({ ok, lines }));
});`,
    );
    // The cell's console.log goes to stdout; then the probe's own summary line (tslab's diagnostics).
    assert.equal(
      run(process.execPath, [probe], work, 180_000),
      'function function ValidationError ../../node_modules/epm-audit-kit/dist/notebook/index.js\n{"ok":true,"lines":[]}',
    );
  });
});
