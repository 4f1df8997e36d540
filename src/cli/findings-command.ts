import { readFile } from "node:fs/promises";
import { writeFileAtomic } from "../archive/atomic-write.js";
import { archiveEvidence } from "../evidence/archive-evidence.js";
import { DEFAULT_RULES } from "../rules/default-rules.js";
import { findings } from "../rules/findings.js";
import { readRules } from "../rules/read-rules.js";
import type { Rule } from "../rules/rule.js";
import { findingRecords } from "../siem/siem-records.js";
import { toInstantRange } from "../time/utc-day-window.js";
import { KIT_VERSION } from "./kit-version.js";
import { parseCommandArgs } from "./parse-command-args.js";
import { printCommandError } from "./print-command-error.js";
import { reviewWindowArgs } from "./review-window-args.js";
import { TIME_RULE_HELP } from "./time-rule-help.js";
import { UsageError } from "./usage-error.js";

const HELP = `epm-audit-kit findings --archive DIR --from YYYY-MM-DD --to YYYY-MM-DD [--rules FILE] [--format text|jsonl] [--out FILE]

Runs the detection rules over an archive's data for a window of whole UTC days (both inclusive)
and lists the findings, most severe first: rule, severity, person, system, first and last seen,
evidence rows. Rules that cannot run on the data (a source missing, a dormancy period longer than
the window) are listed as skipped, never reported as clean. The rights the segregation-of-duties
and dormant-privileged rules read are the EPM role snapshot and the Anaplan entitlement snapshot
nearest --to (sync takes them); when one is missing those rules say they ran on incomplete rights.

  --rules FILE     a YAML or JSON rule file (default: the built-in rules; --print-rules shows them)
  --print-rules    print the built-in rules as YAML-compatible JSON and exit
  --format F       text (default) or jsonl (one finding per line, evidence included)
  --out FILE       write there instead of stdout
  --verbose        the stack trace of an unexpected error
  -h, --help       this text

${TIME_RULE_HELP}`;

/** Where commands print. */
export interface CommandIo {
  out: (text: string) => void;
  err: (line: string) => void;
}

const STD: CommandIo = { out: (t) => process.stdout.write(t), err: (l) => process.stderr.write(`${l}\n`) };

/**
 * `epm-audit-kit findings`: the rules over an archive window.
 *
 * @param argv - arguments after `findings`
 * @param io - where to print. @default stdout and stderr
 * @returns 0 (findings or none), 1 a failure reading the archive, 2 bad usage
 * @example
 * ```ts
 * process.exitCode = await findingsCommand(["--archive", "archive", "--from", "2026-11-01", "--to", "2026-11-30"]);
 * ```
 */
export async function findingsCommand(argv: string[], io: CommandIo = STD): Promise<number> {
  const verbose = argv.includes("--verbose");
  const fail = (error: unknown) =>
    printCommandError("findings", error, { verbose, write: (t) => io.err(t.trimEnd()) });
  let values: Record<string, string | boolean | string[] | undefined>;
  let rules: readonly Rule[] = DEFAULT_RULES;
  let window: { from: string; to: string };
  try {
    const args = parseCommandArgs(argv, {
      archive: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      rules: { type: "string" },
      format: { type: "string", default: "text" },
      out: { type: "string" },
      "print-rules": { type: "boolean", default: false },
    });
    values = args.values;
    if (args.help || values["print-rules"]) {
      io.out(args.help ? HELP : `${JSON.stringify({ rules: DEFAULT_RULES }, null, 2)}\n`);
      return 0;
    }
    if (!values.archive) throw new UsageError("--archive DIR is required.");
    if (values.format !== "text" && values.format !== "jsonl")
      throw new UsageError(`--format takes text or jsonl, got "${values.format}".`);
    window = reviewWindowArgs(values.from as string | undefined, values.to as string | undefined);
    if (values.rules) rules = readRules(await readFile(String(values.rules), "utf8"), String(values.rules));
  } catch (error) {
    return fail(error);
  }
  try {
    const { frames } = await archiveEvidence(String(values.archive), window);
    const result = findings(frames, rules, {
      window: toInstantRange(window),
    });
    const text =
      values.format === "jsonl"
        ? findingRecords(result.findings, "jsonl", KIT_VERSION)
            .map((l) => `${l}\n`)
            .join("")
        : describe(result, window);
    if (values.out) await writeFileAtomic(String(values.out), Buffer.from(text));
    else io.out(text);
    for (const s of result.skipped) io.err(`skipped rule ${s.ruleId}: ${s.reason}`);
    for (const s of result.partial) io.err(`partial rule ${s.ruleId}: ${s.reason}`);
    return 0;
  } catch (error) {
    return fail(error);
  }
}

function describe(result: ReturnType<typeof findings>, window: { from: string; to: string }): string {
  const rows = result.findings.toRecords() as Record<string, unknown>[];
  const lines = [
    `${rows.length} finding${rows.length === 1 ? "" : "s"} in ${window.from} → ${window.to} (UTC days, inclusive); rules run: ${result.ran.join(", ") || "none"}`,
  ];
  const day = (v: unknown) => (v instanceof Date ? v.toISOString().replace(".000Z", "Z") : "-");
  for (const r of rows) {
    lines.push(
      `${String(r.severity).toUpperCase().padEnd(8)} ${r.ruleId}  ${r.person}  [${r.system}]  ${day(r.firstSeen)} .. ${day(r.lastSeen)}  ${r.count} row(s): ${r.summary}`,
    );
  }
  if (result.skipped.length > 0)
    lines.push(
      `INCOMPLETE: ${result.skipped.length} rule(s) could not run on this data: ${result.skipped.map((s) => s.ruleId).join(", ")}`,
    );
  if (result.partial.length > 0)
    lines.push(
      `INCOMPLETE: ${result.partial.length} rule(s) ran on incomplete rights (${result.partial[0]!.reason.replace(/^ran on incomplete rights: /, "")}): ${result.partial.map((s) => s.ruleId).join(", ")}`,
    );
  return `${lines.join("\n")}\n`;
}
