import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { writeFileAtomic } from "../archive/atomic-write.js";
import { isKitError } from "../errors/kit-error.js";
import { archiveEvidence } from "../evidence/archive-evidence.js";
import { DEFAULT_RULES } from "../rules/default-rules.js";
import { findings } from "../rules/findings.js";
import { readRules } from "../rules/read-rules.js";
import type { Rule } from "../rules/rule.js";
import { findingRecords } from "../siem/siem-records.js";
import { KIT_VERSION } from "./kit-version.js";
import { reviewWindowArgs } from "./review-window-args.js";

const HELP = `epm-audit-kit findings --archive DIR --from YYYY-MM-DD --to YYYY-MM-DD [--rules FILE] [--format text|jsonl] [--out FILE]

Runs the detection rules over an archive's data for a window of whole UTC days (both inclusive)
and lists the findings, most severe first: rule, severity, person, system, first and last seen,
evidence rows. Rules that cannot run on the data (a source missing, a dormancy period longer than
the window) are listed as skipped, never reported as clean.

  --rules FILE     a YAML or JSON rule file (default: the built-in rules; --print-rules shows them)
  --print-rules    print the built-in rules as YAML-compatible JSON and exit
  --format F       text (default) or jsonl (one finding per line, evidence included)
  --out FILE       write there instead of stdout

YYYY-MM-DD is a UTC calendar day; windows are whole inclusive UTC days.
`;

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
        rules: { type: "string" },
        format: { type: "string", default: "text" },
        out: { type: "string" },
        "print-rules": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }).values;
    if (args.help || args["print-rules"]) {
      io.out(args.help ? HELP : `${JSON.stringify({ rules: DEFAULT_RULES }, null, 2)}\n`);
      return 0;
    }
    if (!args.archive) throw new Error("--archive DIR is required");
    if (args.format !== "text" && args.format !== "jsonl")
      throw new Error(`--format takes text or jsonl, got ${args.format}`);
    window = reviewWindowArgs(args.from as string | undefined, args.to as string | undefined);
    if (args.rules) rules = readRules(await readFile(String(args.rules), "utf8"), String(args.rules));
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}. See --help.`);
    return 2;
  }
  try {
    const { frames } = await archiveEvidence(String(args.archive), window);
    const result = findings(frames, rules, {
      window: { from: `${window.from}T00:00:00Z`, to: nextDay(window.to) },
    });
    const text =
      args.format === "jsonl"
        ? findingRecords(result.findings, "jsonl", KIT_VERSION)
            .map((l) => `${l}\n`)
            .join("")
        : describe(result, window);
    if (args.out) await writeFileAtomic(String(args.out), Buffer.from(text));
    else io.out(text);
    for (const s of result.skipped) io.err(`skipped rule ${s.ruleId}: ${s.reason}`);
    return 0;
  } catch (error) {
    io.err(
      `findings failed${isKitError(error) ? ` (${error.code})` : ""}: ${error instanceof Error ? error.message : String(error)}`,
    );
    return isKitError(error) && error.code === "E_VALIDATION" ? 2 : 1;
  }
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();
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
  return `${lines.join("\n")}\n`;
}
