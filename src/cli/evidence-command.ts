import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { archiveEvidence } from "../evidence/archive-evidence.js";
import { writeEvidencePack } from "../evidence/write-evidence-pack.js";
import { DEFAULT_RULES } from "../rules/default-rules.js";
import { findings } from "../rules/findings.js";
import { readRules } from "../rules/read-rules.js";
import type { Rule } from "../rules/rule.js";
import { toInstantRange, type UtcDayWindow } from "../time/utc-day-window.js";
import type { CommandIo } from "./findings-command.js";
import { KIT_VERSION } from "./kit-version.js";
import { parseCommandArgs } from "./parse-command-args.js";
import { printCommandError } from "./print-command-error.js";
import { reviewWindowArgs } from "./review-window-args.js";
import { TIME_RULE_HELP } from "./time-rule-help.js";
import { UsageError } from "./usage-error.js";

const HELP = `epm-audit-kit evidence --archive DIR --from YYYY-MM-DD --to YYYY-MM-DD --out PACK [--rules FILE] [--reports DIR]

Writes an evidence pack for a review window (whole UTC days, both inclusive) into the new folder
PACK: the exact input data from the archive as Parquet (one file per source), the findings, the
rule set, the report files of --reports DIR (e.g. what \`epm-audit-kit report\` wrote), and
manifest.json with the kit version, each source's origin (host or simulator), API version, window
requested and covered, row counts, the rule set's SHA-256 and the SHA-256 of every file. The pack
records the hash of the previous pack of the same archive (the chain is kept in
DIR/evidence-chain.json), so \`epm-audit-kit verify PACK\` detects a change to this pack or any
earlier one. Rerunning with the same archive and parameters gives the same data files and hashes.

  --verbose        the stack trace of an unexpected error
  -h, --help       this text

${TIME_RULE_HELP}`;

/**
 * `epm-audit-kit evidence`: writes a verifiable evidence pack from an archive.
 *
 * @param argv - arguments after `evidence`
 * @param io - where to print. @default stdout and stderr
 * @returns 0 written, 1 a failure, 2 bad usage
 * @example
 * ```ts
 * process.exitCode = await evidenceCommand(["--archive", "archive", "--from", "2026-11-01", "--to", "2026-11-30", "--out", "evidence/2026-11"]);
 * ```
 */
export async function evidenceCommand(
  argv: string[],
  io: CommandIo = { out: (t) => process.stdout.write(t), err: (l) => process.stderr.write(`${l}\n`) },
): Promise<number> {
  const verbose = argv.includes("--verbose");
  try {
    const options = await parseEvidenceArgs(argv);
    if (options === "help") {
      io.out(HELP);
      return 0;
    }
    await writePack(options, io);
    return 0;
  } catch (error) {
    return printCommandError("evidence", error, { verbose, write: (t) => io.err(t.trimEnd()) });
  }
}

/** What one `evidence` run packs. */
interface EvidenceOptions {
  archive: string;
  out: string;
  window: UtcDayWindow;
  rules: readonly Rule[];
  reports: string | undefined;
}

async function parseEvidenceArgs(argv: string[]): Promise<EvidenceOptions | "help"> {
  const { values, help } = parseCommandArgs(argv, {
    archive: { type: "string" },
    from: { type: "string" },
    to: { type: "string" },
    out: { type: "string" },
    rules: { type: "string" },
    reports: { type: "string" },
  });
  if (help) return "help";
  if (!values.archive) throw new UsageError("--archive DIR is required.");
  if (!values.out) throw new UsageError("--out PACK is required (a new folder).");
  const text = (v: unknown) => (v === undefined ? undefined : String(v));
  const window = reviewWindowArgs(text(values.from), text(values.to));
  const rulesFile = text(values.rules);
  const rules = rulesFile ? readRules(await readFile(rulesFile, "utf8"), rulesFile) : DEFAULT_RULES;
  return {
    archive: String(values.archive),
    out: String(values.out),
    window,
    rules,
    reports: text(values.reports),
  };
}

/** Runs the rules over the window, writes the pack, and says what it holds and lacks. */
async function writePack(options: EvidenceOptions, io: CommandIo): Promise<void> {
  const { window } = options;
  const { frames, sources } = await archiveEvidence(options.archive, window);
  const result = findings(frames, options.rules, { window: toInstantRange(window) });
  const manifest = await writeEvidencePack({
    dir: options.out,
    archive: options.archive,
    window,
    kitVersion: KIT_VERSION,
    sources,
    rules: options.rules,
    findings: result,
    reports: options.reports ? await listReports(options.reports) : [],
  });
  io.out(
    `Wrote evidence pack ${manifest.packId} to ${options.out}: ${manifest.files.length} files, ${result.findings.height} findings${manifest.previous ? `, chained to ${manifest.previous.packId}` : " (first pack of this archive)"}.\n`,
  );
  for (const source of manifest.sources) {
    const covered =
      source.covered.map((c) => (c.from === c.to ? c.from : `${c.from}..${c.to}`)).join(", ") || "nothing";
    if (covered !== `${window.from}..${window.to}`)
      io.err(`warning: ${source.name} covers ${covered} of ${window.from}..${window.to}`);
  }
  for (const s of result.skipped) io.err(`warning: rule ${s.ruleId} did not run: ${s.reason}`);
  for (const s of result.partial) io.err(`warning: rule ${s.ruleId} ${s.reason}`);
}

async function listReports(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(dir, e.name))
    .sort();
}
