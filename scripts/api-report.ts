/**
 * Records each entry point's public surface in api/<entry>.api.md with @microsoft/api-extractor,
 * from the built declarations in dist/ (run `npm run build` first).
 *
 * `node --import tsx scripts/api-report.ts --check` fails (exit 1) when a surface differs from its
 * committed report, when API Extractor or the compiler warns, when an exported function, class or
 * constant has no TSDoc `@example`, or an exported type no TSDoc at all; `--update` rewrites the
 * reports (and still lists those names).
 * A type that a public signature uses but no entry exports is recorded in the report as an
 * `ae-forgotten-export` note rather than failing: the root deliberately re-exports only part of
 * each layer, and a few internal types (Redactor, AuthStrategy) show in option types.
 *
 * @example
 * ```sh
 * npm run build && npm run api:check    # in CI: fails when the surface changed unrecorded
 * npm run api:update                    # after adding a name to an entry; commit api/*.api.md
 * ```
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  Extractor,
  ExtractorConfig,
  ExtractorLogLevel,
  type ExtractorMessage,
} from "@microsoft/api-extractor";

const root = resolve(fileURLToPath(import.meta.url), "..", "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  exports: Record<string, string | { types: string }>;
};

/** The entry points, from package.json `exports` (`.` → "index", `./frames` → "frames"). */
const entries = Object.entries(pkg.exports)
  .filter((entry): entry is [string, { types: string }] => typeof entry[1] === "object")
  .map(([subpath, target]) => ({ name: subpath === "." ? "index" : subpath.slice(2), dts: target.types }));

/**
 * Whether exported interfaces and type aliases need an `@example` too (values always do). Off
 * while about a hundred option and result types have TSDoc but no example yet; turn it on once
 * they have one (`npm run api:check` then lists any that lack it).
 */
const TYPES_NEED_EXAMPLE = true;

const mode = process.argv[2];
if (mode !== "--check" && mode !== "--update") {
  process.stderr.write("usage: node --import tsx scripts/api-report.ts --check | --update\n");
  process.exit(2);
}
const update = mode === "--update";
const temp = mkdtempSync(join(tmpdir(), "api-report-"));
const failed: string[] = [];
try {
  for (const entry of entries) {
    const dts = join(root, entry.dts);
    if (!existsSync(dts)) {
      process.stderr.write(`${entry.dts} is missing: run \`npm run build\` first.\n`);
      process.exit(1);
    }
    const config = ExtractorConfig.prepare({
      configObject: {
        projectFolder: root,
        mainEntryPointFilePath: dts,
        bundledPackages: [],
        compiler: {
          overrideTsconfig: {
            compilerOptions: {
              target: "ES2023",
              lib: ["ES2023"],
              module: "nodenext",
              moduleResolution: "nodenext",
              types: ["node"],
              strict: true,
              skipLibCheck: true,
            },
            files: [dts],
          },
        },
        apiReport: {
          enabled: true,
          reportFileName: entry.name,
          reportFolder: join(root, "api"),
          reportTempFolder: temp,
        },
        docModel: { enabled: true, apiJsonFilePath: join(temp, `${entry.name}.api.json`) },
        dtsRollup: { enabled: false },
        tsdocMetadata: { enabled: false },
        messages: {
          compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Warning } },
          extractorMessageReporting: {
            default: { logLevel: ExtractorLogLevel.Warning },
            "ae-missing-release-tag": { logLevel: ExtractorLogLevel.None },
            "ae-forgotten-export": { logLevel: ExtractorLogLevel.None, addToApiReportFile: true },
            // Members (class fields) without TSDoc show as "(undocumented)" in the report.
            "ae-undocumented": { logLevel: ExtractorLogLevel.None },
            // {@link Name} to a name of another entry point: fine for readers of the source.
            "ae-unresolved-link": { logLevel: ExtractorLogLevel.None },
          },
          // TSDoc's strict syntax (escape ">", declare @default) is not this project's comment style.
          tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
        },
      },
      configObjectFullPath: undefined,
      packageJsonFullPath: join(root, "package.json"),
    });
    const result = Extractor.invoke(config, {
      localBuild: update,
      messageCallback: (message: ExtractorMessage) => {
        if (message.logLevel === ExtractorLogLevel.Info || message.logLevel === ExtractorLogLevel.Verbose)
          message.logLevel = ExtractorLogLevel.None;
      },
    });
    if (!result.succeeded) failed.push(entry.name);
    const missing = namesWithoutExample(join(temp, `${entry.name}.api.json`));
    if (missing.length > 0) {
      process.stderr.write(`${entry.name}: exported without TSDoc or its @example: ${missing.join(", ")}\n`);
      if (!failed.includes(entry.name)) failed.push(entry.name);
    }
  }
} finally {
  rmSync(temp, { recursive: true, force: true });
}
/**
 * The entry point's exported values without a TSDoc `@example` and types without TSDoc, from API
 * Extractor's doc model.
 *
 * @example
 * ```ts
 * namesWithoutExample("/tmp/api-report-x/frames.api.json") //=> [] when every name has one
 * ```
 */
function namesWithoutExample(apiJson: string): string[] {
  interface Item {
    kind: string;
    name?: string;
    docComment?: string;
    members?: Item[];
  }
  const model = JSON.parse(readFileSync(apiJson, "utf8")) as Item;
  const entryPoint = model.members?.find((m) => m.kind === "EntryPoint");
  const missing = new Set<string>();
  for (const item of entryPoint?.members ?? []) {
    const doc = item.docComment ?? "";
    const isType = !TYPES_NEED_EXAMPLE && (item.kind === "Interface" || item.kind === "TypeAlias");
    if (isType ? doc.trim() === "" : !doc.includes("@example"))
      missing.add(`${item.name ?? "?"}${isType ? " (no TSDoc)" : ""}`);
  }
  return [...missing].sort();
}

if (failed.length > 0) {
  process.stderr.write(
    `API surface of ${failed.join(", ")} differs from api/*.api.md or has the problems above. ` +
      "If the change is intended, run `npm run api:update` and commit the reports.\n",
  );
  process.exit(1);
}
process.stdout.write(
  `API reports ${update ? "updated" : "match"}: ${entries.map((e) => e.name).join(", ")}\n`,
);
