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
import { toInstantRange, type UtcDayWindow } from "../time/utc-day-window.js";
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
  try {
    const options = parseSiemArgs(argv);
    if (options === "help") {
      io.out(HELP);
      return 0;
    }
    await sendToSiem(options, io);
    return 0;
  } catch (error) {
    return printCommandError("siem", error, { verbose, write: (t) => io.err(t.trimEnd()) });
  }
}

/** What one `siem` run sends, and where. */
interface SiemOptions {
  archive: string;
  state: string;
  format: SiemFormat;
  out: string | undefined;
  /** The findings' review window; none when --findings is not given. */
  window: UtcDayWindow | undefined;
  rules: string | undefined;
}

function parseSiemArgs(argv: string[]): SiemOptions | "help" {
  const { values, help } = parseCommandArgs(argv, {
    archive: { type: "string" },
    state: { type: "string" },
    format: { type: "string", default: "cef" },
    out: { type: "string" },
    findings: { type: "boolean", default: false },
    from: { type: "string" },
    to: { type: "string" },
    rules: { type: "string" },
  });
  if (help) return "help";
  if (!values.archive) throw new UsageError("--archive DIR is required.");
  if (!values.state) throw new UsageError("--state FILE is required (it remembers what was sent).");
  if (values.format !== "cef" && values.format !== "jsonl")
    throw new UsageError(`--format takes cef or jsonl, got "${values.format}".`);
  const text = (v: unknown) => (v === undefined ? undefined : String(v));
  return {
    archive: String(values.archive),
    state: String(values.state),
    format: values.format,
    out: text(values.out),
    window: values.findings ? reviewWindowArgs(text(values.from), text(values.to)) : undefined,
    rules: text(values.rules),
  };
}

/** Sends what is new since the state file's position, then moves the position. */
async function sendToSiem(options: SiemOptions, io: CommandIo): Promise<void> {
  let cursor = await readCursor(options.state);
  const events = newEvents(await eventsSince(options.archive, cursor), cursor);
  const lines = eventRecords(events.fresh, options.format);
  cursor = events.next;
  let sentFindings = 0;
  if (options.window) {
    const found = await newFindingsOf(options, cursor, io);
    lines.push(...found.lines);
    sentFindings = found.lines.length;
    cursor = found.next;
  }
  await emit(lines, options.out, io);
  await writeFileAtomic(options.state, Buffer.from(`${JSON.stringify(cursor)}\n`));
  io.err(`sent ${events.fresh.height} event(s)${options.window ? ` and ${sentFindings} finding(s)` : ""}`);
}

/** The findings of the review window that the state has not seen sent, as output lines. */
async function newFindingsOf(
  options: SiemOptions,
  cursor: SiemCursor,
  io: CommandIo,
): Promise<{ lines: string[]; next: SiemCursor }> {
  const window = options.window!;
  const rules = options.rules
    ? readRules(await readFile(options.rules, "utf8"), options.rules)
    : DEFAULT_RULES;
  const { frames } = await archiveEvidence(options.archive, window);
  const result = findings(frames, rules, { window: toInstantRange(window) });
  for (const s of result.skipped) io.err(`warning: rule ${s.ruleId} did not run: ${s.reason}`);
  for (const s of result.partial) io.err(`warning: rule ${s.ruleId} ${s.reason}`);
  const fresh = newFindings(result.findings, cursor);
  return { lines: findingRecords(fresh.fresh, options.format, KIT_VERSION), next: fresh.next };
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
