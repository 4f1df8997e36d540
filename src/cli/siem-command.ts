import { open, readFile } from "node:fs/promises";
import { writeFileAtomic } from "../archive/atomic-write.js";
import { readArchive } from "../archive/read-archive.js";
import { ValidationError } from "../errors/validation-error.js";
import { archiveEvidence } from "../evidence/archive-evidence.js";
import { DEFAULT_RULES } from "../rules/default-rules.js";
import { findings } from "../rules/findings.js";
import { readRules } from "../rules/read-rules.js";
import { newEvents, newFindings, SIEM_OVERLAP_MS, type SiemCursor } from "../siem/siem-cursor.js";
import { eventRecords, findingRecords, type SiemFormat } from "../siem/siem-records.js";
import type { CommandIo } from "./findings-command.js";
import { KIT_VERSION } from "./kit-version.js";
import { parseCommandArgs } from "./parse-command-args.js";
import { printCommandError } from "./print-command-error.js";
import { reviewWindowArgs } from "./review-window-args.js";
import { TIME_RULE_HELP } from "./time-rule-help.js";
import { UsageError } from "./usage-error.js";

const HELP = `epm-audit-kit siem --archive DIR --state FILE [--format cef|jsonl] [--out FILE] [--findings --from YYYY-MM-DD --to YYYY-MM-DD [--rules FILE]]

Sends the archive's Anaplan events (and, with --findings, the findings of a review window) to a
SIEM as CEF lines (Anaplan's own CEF field names: vendor "Anaplan, Inc.", the event code as
signature id, rt, externalId, suid, src, outcome …) or JSON Lines, appended to --out FILE or
written to stdout. --state FILE remembers what was sent (created on the first run), so a scheduled
job sends each record once: events later than the last one sent (and late events within the
sync's 2-hour overlap), findings not sent before (a finding that gains evidence is sent again).
The state moves only after the output is written and synced.

  --verbose        the stack trace of an unexpected error
  -h, --help       this text

${TIME_RULE_HELP}`;

/**
 * `epm-audit-kit siem`: incremental CEF / JSON Lines export of events and findings.
 *
 * @param argv - arguments after `siem`
 * @param io - where to print. @default stdout and stderr
 * @returns 0 sent, 1 a failure, 2 bad usage
 * @example
 * ```ts
 * process.exitCode = await siemCommand(["--archive", "archive", "--state", "siem.json", "--out", "events.cef"]);
 * ```
 */
export async function siemCommand(
  argv: string[],
  io: CommandIo = { out: (t) => process.stdout.write(t), err: (l) => process.stderr.write(`${l}\n`) },
): Promise<number> {
  const verbose = argv.includes("--verbose");
  const fail = (error: unknown) =>
    printCommandError("siem", error, { verbose, write: (t) => io.err(t.trimEnd()) });
  let args: Record<string, string | boolean | string[] | undefined>;
  let window: { from: string; to: string } | undefined;
  try {
    const parsed = parseCommandArgs(argv, {
      archive: { type: "string" },
      state: { type: "string" },
      format: { type: "string", default: "cef" },
      out: { type: "string" },
      findings: { type: "boolean", default: false },
      from: { type: "string" },
      to: { type: "string" },
      rules: { type: "string" },
    });
    args = parsed.values;
    if (parsed.help) {
      io.out(HELP);
      return 0;
    }
    if (!args.archive) throw new UsageError("--archive DIR is required.");
    if (!args.state) throw new UsageError("--state FILE is required (it remembers what was sent).");
    if (args.format !== "cef" && args.format !== "jsonl")
      throw new UsageError(`--format takes cef or jsonl, got "${args.format}".`);
    if (args.findings)
      window = reviewWindowArgs(args.from as string | undefined, args.to as string | undefined);
  } catch (error) {
    return fail(error);
  }
  try {
    const format = args.format as SiemFormat;
    let cursor = await readCursor(String(args.state));
    const lines: string[] = [];
    const events = await eventsSince(String(args.archive), cursor);
    const sentEvents = newEvents(events, cursor);
    lines.push(...eventRecords(sentEvents.fresh, format));
    cursor = sentEvents.next;
    if (window) {
      const rules = args.rules
        ? readRules(await readFile(String(args.rules), "utf8"), String(args.rules))
        : DEFAULT_RULES;
      const { frames } = await archiveEvidence(String(args.archive), window);
      const result = findings(frames, rules, {
        window: {
          from: `${window.from}T00:00:00Z`,
          to: new Date(Date.parse(`${window.to}T00:00:00Z`) + 86_400_000).toISOString(),
        },
      });
      const sentFindings = newFindings(result.findings, cursor);
      lines.push(...findingRecords(sentFindings.fresh, format, KIT_VERSION));
      cursor = sentFindings.next;
      for (const s of result.skipped) io.err(`warning: rule ${s.ruleId} did not run: ${s.reason}`);
    }
    await emit(lines, args.out as string | undefined, io);
    await writeFileAtomic(String(args.state), Buffer.from(`${JSON.stringify(cursor)}\n`));
    io.err(
      `sent ${sentEvents.fresh.height} event(s)${window ? ` and ${lines.length - sentEvents.fresh.height} finding(s)` : ""}`,
    );
    return 0;
  } catch (error) {
    return fail(error);
  }
}

async function eventsSince(archive: string, cursor: SiemCursor) {
  const from = cursor.events
    ? new Date(cursor.events.lastAt - SIEM_OVERLAP_MS).toISOString().slice(0, 10)
    : undefined;
  const lazy = await readArchive(archive, from ? { from } : {});
  return lazy.events.collect();
}

async function readCursor(path: string): Promise<SiemCursor> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { version: 1 };
    throw error;
  }
  try {
    const cursor = JSON.parse(text) as SiemCursor;
    if (cursor?.version !== 1) throw new SyntaxError("version");
    return cursor;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new ValidationError(
      `The SIEM state file ${path} is damaged; restore it, or delete it to send everything again.`,
    );
  }
}

async function emit(lines: string[], out: string | undefined, io: CommandIo): Promise<void> {
  const text = lines.map((l) => `${l}\n`).join("");
  if (!out) {
    io.out(text);
    return;
  }
  const handle = await open(out, "a");
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
