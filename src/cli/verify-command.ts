import { verifyEvidencePack } from "../evidence/verify-evidence-pack.js";
import type { CommandIo } from "./findings-command.js";
import { parseCommandArgs } from "./parse-command-args.js";
import { printCommandError } from "./print-command-error.js";
import { TIME_RULE_HELP } from "./time-rule-help.js";
import { UsageError } from "./usage-error.js";

const HELP = `epm-audit-kit verify PACK

Recomputes the SHA-256 of every file of an evidence pack and compares them with its manifest,
checks that no file was added or removed, then follows the chain: the previous pack's manifest
must have the hash this pack recorded, and its files are checked the same way, back to the first
pack. Exits 0 when everything matches; 1 naming every file that changed, is missing or was added.

  --verbose        the stack trace of an unexpected error
  -h, --help       this text

${TIME_RULE_HELP}`;

/**
 * `epm-audit-kit verify PACK`: checks an evidence pack and its chain.
 *
 * @param argv - arguments after `verify`
 * @param io - where to print. @default stdout and stderr
 * @returns 0 verified, 1 a change found, 2 bad usage
 * @example
 * ```ts
 * process.exitCode = await verifyCommand(["evidence/2026-11"]);
 * ```
 */
export async function verifyCommand(
  argv: string[],
  io: CommandIo = { out: (t) => process.stdout.write(t), err: (l) => process.stderr.write(`${l}\n`) },
): Promise<number> {
  const verbose = argv.includes("--verbose");
  let positionals: string[];
  try {
    const parsed = parseCommandArgs(argv, {}, true);
    if (parsed.help) {
      io.out(HELP);
      return 0;
    }
    positionals = parsed.positionals;
    if (positionals.length !== 1) throw new UsageError("give one pack folder: epm-audit-kit verify PACK.");
  } catch (error) {
    return printCommandError("verify", error, { verbose, write: (t) => io.err(t.trimEnd()) });
  }
  const verdict = await verifyEvidencePack(positionals[0]!);
  if (verdict.ok) {
    const files = verdict.packs.reduce((n, p) => n + p.files, 0);
    io.out(
      `Verified: ${verdict.packs.map((p) => p.packId).join(" <- ")} (${verdict.packs.length} pack${verdict.packs.length === 1 ? "" : "s"}, ${files} files, every hash matches).\n`,
    );
    return 0;
  }
  for (const problem of verdict.problems) io.err(`FAILED: ${problem}`);
  return 1;
}
