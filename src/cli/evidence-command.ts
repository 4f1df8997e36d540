import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { isKitError } from "../errors/kit-error.js";
import { archiveEvidence } from "../evidence/archive-evidence.js";
import { writeEvidencePack } from "../evidence/write-evidence-pack.js";
import { DEFAULT_RULES } from "../rules/default-rules.js";
import { findings } from "../rules/findings.js";
import { readRules } from "../rules/read-rules.js";
import type { Rule } from "../rules/rule.js";
import type { CommandIo } from "./findings-command.js";
import { KIT_VERSION } from "./kit-version.js";
import { reviewWindowArgs } from "./review-window-args.js";

const HELP = `epm-audit-kit evidence --archive DIR --from YYYY-MM-DD --to YYYY-MM-DD --out PACK [--rules FILE] [--reports DIR]

Writes an evidence pack for a review window (whole UTC days, both inclusive) into the new folder
PACK: the exact input data from the archive as Parquet (one file per source), the findings, the
rule set, the report files of --reports DIR (e.g. what \`epm-audit-kit report\` wrote), and
manifest.json with the kit version, each source's origin (host or simulator), API version, window
requested and covered, row counts, the rule set's SHA-256 and the SHA-256 of every file. The pack
records the hash of the previous pack of the same archive (the chain is kept in
DIR/evidence-chain.json), so \`epm-audit-kit verify PACK\` detects a change to this pack or any
earlier one. Rerunning with the same archive and parameters gives the same data files and hashes.

YYYY-MM-DD is a UTC calendar day; windows are whole inclusive UTC days.
`;

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
  let args: Record<string, string | boolean | undefined>;
  let rules: readonly Rule[] = DEFAULT_RULES;
  let window: { from: string; to: string };
  try {
    args = parseArgs({
      args: argv,
      options: {
        archive: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        out: { type: "string" },
        rules: { type: "string" },
        reports: { type: "string" },
        help: { type: "boolean", short: "h", default: false },
      },
    }).values;
    if (args.help) {
      io.out(HELP);
      return 0;
    }
    if (!args.archive) throw new Error("--archive DIR is required");
    if (!args.out) throw new Error("--out PACK is required (a new folder)");
    window = reviewWindowArgs(args.from as string | undefined, args.to as string | undefined);
    if (args.rules) rules = readRules(await readFile(String(args.rules), "utf8"), String(args.rules));
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}. See --help.`);
    return 2;
  }
  try {
    const { frames, sources } = await archiveEvidence(String(args.archive), window);
    const result = findings(frames, rules, {
      window: {
        from: `${window.from}T00:00:00Z`,
        to: new Date(Date.parse(`${window.to}T00:00:00Z`) + 86_400_000).toISOString(),
      },
    });
    const reports = args.reports ? await listReports(String(args.reports)) : [];
    const manifest = await writeEvidencePack({
      dir: String(args.out),
      archive: String(args.archive),
      window,
      kitVersion: KIT_VERSION,
      sources,
      rules,
      findings: result,
      reports,
    });
    io.out(
      `Wrote evidence pack ${manifest.packId} to ${args.out}: ${manifest.files.length} files, ${result.findings.height} findings${manifest.previous ? `, chained to ${manifest.previous.packId}` : " (first pack of this archive)"}.\n`,
    );
    for (const source of manifest.sources) {
      const covered =
        source.covered.map((c) => (c.from === c.to ? c.from : `${c.from}..${c.to}`)).join(", ") || "nothing";
      if (covered !== `${window.from}..${window.to}`)
        io.err(`warning: ${source.name} covers ${covered} of ${window.from}..${window.to}`);
    }
    for (const s of result.skipped) io.err(`warning: rule ${s.ruleId} did not run: ${s.reason}`);
    return 0;
  } catch (error) {
    io.err(
      `evidence failed${isKitError(error) ? ` (${error.code})` : ""}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return isKitError(error) && error.code === "E_VALIDATION" ? 2 : 1;
  }
}

async function listReports(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(dir, e.name))
    .sort();
}
