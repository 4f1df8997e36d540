import { createHash } from "node:crypto";
import { copyFile, mkdir, readdir, readFile } from "node:fs/promises";
import { basename, join, relative, resolve } from "node:path";
import type pl from "nodejs-polars";
import { acquireArchiveLock } from "../archive/archive-lock.js";
import { writeFileAtomic } from "../archive/atomic-write.js";
import { ValidationError } from "../errors/validation-error.js";
import type { FindingsResult } from "../rules/findings.js";
import type { Rule } from "../rules/rule.js";
import {
  EVIDENCE_FORMAT,
  type EvidenceChainEntry,
  type EvidenceFile,
  type EvidenceManifest,
  type EvidenceSource,
} from "./evidence-manifest.js";
import { sha256File } from "./sha256-file.js";

/**
 * The chain of packs, kept in the archive folder.
 *
 * @example
 * ```ts
 * EVIDENCE_CHAIN_FILE //=> "evidence-chain.json"
 * ```
 */
export const EVIDENCE_CHAIN_FILE = "evidence-chain.json";

/**
 * One source's data for a pack.
 *
 * @example
 * ```ts
 * const source: EvidencePackSource = { name: "userLogins", origin: "https://epm.example.oraclecloud.com", requested: { from: "2026-03-01", to: "2026-03-31" }, covered: [{ from: "2026-03-01", to: "2026-03-31" }], frame: logins };
 * ```
 */
export interface EvidencePackSource extends Omit<EvidenceSource, "rows"> {
  frame: pl.DataFrame;
}

/**
 * Options of {@link writeEvidencePack}.
 *
 * @example
 * ```ts
 * const options: WriteEvidencePackOptions = { dir: "./evidence", archive: "./audit-archive", window: { from: "2026-03-01", to: "2026-03-31" }, kitVersion: "0.1.0", sources, rules, findings };
 * ```
 */
export interface WriteEvidencePackOptions {
  /** The pack's folder: created, and must be empty if it exists. */
  dir: string;
  /** The archive whose chain the pack joins (`evidence-chain.json` there). */
  archive: string;
  /** The review window, inclusive UTC days. */
  window: { from: string; to: string };
  kitVersion: string;
  /** The data, one Parquet file per source. */
  sources: EvidencePackSource[];
  rules: readonly Rule[];
  findings: FindingsResult;
  /** Report files (HTML, executed notebooks, CSV) to include under reports/. @default none */
  reports?: string[] | undefined;
  /** The pack's id. @default `<from>_<to>`, with `-2`, `-3`… when the chain has it already */
  packId?: string | undefined;
  /** The clock. @default the real one */
  now?: (() => Date) | undefined;
}

/**
 * Writes an evidence pack: the exact input data as Parquet (one file per source), the findings
 * (Parquet and JSON), the rule set, the skipped rules, the reports, and `manifest.json` with the
 * kit version, sources (host or simulator, API version, windows requested and covered, rows),
 * the rule set's hash and the SHA-256 of every file. The pack records the hash of the previous
 * pack's manifest, and the archive's `evidence-chain.json` gets this pack's, so a change to any
 * pack breaks the chain. Data files are byte-for-byte reproducible from the same archive and
 * parameters; reports are not (they carry their generation time) and are marked so.
 *
 * @param options - where, what, and the chain's archive
 * @returns the manifest written
 * @throws {@link ValidationError} when the pack folder is not empty
 * @example
 * ```ts
 * const manifest = await writeEvidencePack({ dir: "evidence/2026-11", archive: "archive", window, kitVersion, sources, rules, findings });
 * ```
 */
export async function writeEvidencePack(options: WriteEvidencePackOptions): Promise<EvidenceManifest> {
  const dir = resolve(options.dir);
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length > 0) {
    throw new ValidationError(
      `The evidence pack folder ${dir} is not empty: give a new folder for each pack.`,
    );
  }
  const lock = await acquireArchiveLock(options.archive, { waitMs: 30_000 });
  try {
    const chain = await readEvidenceChain(options.archive);
    const files = [...(await writeData(dir, options)), ...(await copyReports(dir, options.reports ?? []))];
    const previous = chain.at(-1);
    const packId = uniqueId(options.packId ?? `${options.window.from}_${options.window.to}`, chain);
    const manifest: EvidenceManifest = {
      format: EVIDENCE_FORMAT,
      packId,
      kitVersion: options.kitVersion,
      createdAt: (options.now ?? (() => new Date()))().toISOString(),
      window: options.window,
      sources: options.sources.map(({ frame, ...source }) => ({ ...source, rows: frame.height })),
      rulesSha256: sha256Text(canonicalJson(options.rules)),
      findings: countBySeverity(options.findings),
      files: files.sort((a, b) => (a.path < b.path ? -1 : 1)),
      previous: previous
        ? {
            packId: previous.packId,
            manifestSha256: previous.manifestSha256,
            path: relative(dir, previous.path) || ".",
          }
        : null,
    };
    const text = `${JSON.stringify(manifest, null, 2)}\n`;
    await writeFileAtomic(join(dir, "manifest.json"), Buffer.from(text));
    const entry: EvidenceChainEntry = {
      packId,
      manifestSha256: sha256Text(text),
      path: dir,
      createdAt: manifest.createdAt,
    };
    await writeFileAtomic(
      join(options.archive, EVIDENCE_CHAIN_FILE),
      Buffer.from(`${JSON.stringify([...chain, entry], null, 2)}\n`),
    );
    return manifest;
  } finally {
    await lock.release();
  }
}

/**
 * The archive's chain of evidence packs, oldest first (empty when there is none).
 *
 * @param archive - the archive folder
 * @returns the chain
 * @throws {@link ValidationError} when the chain file is damaged
 * @example
 * ```ts
 * (await readEvidenceChain("archive")).at(-1)?.packId //=> "2026-11-01_2026-11-30"
 * ```
 */
export async function readEvidenceChain(archive: string): Promise<EvidenceChainEntry[]> {
  const path = join(archive, EVIDENCE_CHAIN_FILE);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  try {
    const chain = JSON.parse(text) as EvidenceChainEntry[];
    if (
      !Array.isArray(chain) ||
      chain.some((e) => typeof e?.packId !== "string" || !/^[0-9a-f]{64}$/.test(String(e.manifestSha256)))
    ) {
      throw new SyntaxError("not a chain");
    }
    return chain;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new ValidationError(
      `The evidence chain ${path} is damaged (not a list of packs with their manifest hashes); restore it from a backup.`,
    );
  }
}

async function writeData(dir: string, options: WriteEvidencePackOptions): Promise<EvidenceFile[]> {
  const out: Array<[string, Uint8Array]> = [];
  for (const source of options.sources) {
    if (!/^[a-z0-9-]{1,80}$/.test(source.name))
      throw new ValidationError(
        `Evidence source names are lower-case words with dashes, got "${source.name}".`,
      );
    out.push([`data/${source.name}.parquet`, source.frame.writeParquet({ compression: "zstd" })]);
  }
  out.push(["findings.parquet", options.findings.findings.writeParquet({ compression: "zstd" })]);
  out.push(["rules.json", Buffer.from(`${JSON.stringify(options.rules, null, 2)}\n`)]);
  out.push([
    "skipped-rules.json",
    Buffer.from(
      `${JSON.stringify(
        {
          ran: options.findings.ran,
          skipped: options.findings.skipped,
          partial: options.findings.partial,
        },
        null,
        2,
      )}\n`,
    ),
  ]);
  const files: EvidenceFile[] = [];
  for (const [path, bytes] of out) {
    await writeFileAtomic(join(dir, ...path.split("/")), bytes);
    files.push({ path, sha256: sha256Bytes(bytes), bytes: bytes.length, reproducible: true });
  }
  return files;
}

async function copyReports(dir: string, reports: string[]): Promise<EvidenceFile[]> {
  const files: EvidenceFile[] = [];
  const names = new Set<string>();
  for (const report of reports) {
    const name = basename(report);
    if (names.has(name))
      throw new ValidationError(`Two reports are named ${name}; give each report a distinct name.`);
    names.add(name);
    await mkdir(join(dir, "reports"), { recursive: true });
    const target = join(dir, "reports", name);
    await copyFile(report, target);
    files.push({ path: `reports/${name}`, ...(await sha256File(target)), reproducible: false });
  }
  return files;
}

function uniqueId(base: string, chain: readonly EvidenceChainEntry[]): string {
  const ids = new Set(chain.map((e) => e.packId));
  let id = base;
  for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
  return id;
}

function countBySeverity(result: FindingsResult): Record<string, number> {
  const counts: Record<string, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const severity of result.findings.getColumn("severity").toArray() as string[])
    counts[severity] = (counts[severity] ?? 0) + 1;
  return counts;
}

/**
 * JSON with object keys sorted and undefined values left out, so the same rules hash the same
 * whatever their key order.
 *
 * @param value - a JSON-able value
 * @returns the canonical JSON text
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: [true, null] }) //=> '{"a":[true,null],"b":1}'
 * ```
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

function sha256Bytes(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

function sha256Text(text: string): string {
  return sha256Bytes(Buffer.from(text));
}
