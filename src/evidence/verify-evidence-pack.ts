import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { EVIDENCE_FORMAT, type EvidenceManifest } from "./evidence-manifest.js";
import { sha256File } from "./sha256-file.js";

/**
 * What {@link verifyEvidencePack} found.
 *
 * @example
 * ```ts
 * const result: EvidenceVerification = await verifyEvidencePack("./evidence/2026-03");
 * if (!result.ok) console.error(result.problems.join("\n"));
 * ```
 */
export interface EvidenceVerification {
  /** True when every file, manifest and link of the chain checks out. */
  ok: boolean;
  /** One line per problem, naming the pack and the file. */
  problems: string[];
  /** Packs checked, newest first (this one, then its predecessors as far as they are found). */
  packs: Array<{ packId: string; path: string; files: number }>;
}

/** Predecessors followed at most (a chain longer than this is checked that far and says so). */
export const MAX_CHAIN_LENGTH = 1000;

/**
 * Checks an evidence pack: every file's SHA-256 and size against the manifest, no file missing or
 * added, then the previous pack (its manifest's SHA-256 must equal what this pack recorded, and
 * its files are checked the same way), and so on back along the chain.
 *
 * @param dir - the pack's folder
 * @returns the verdict with one line per problem
 * @example
 * ```ts
 * const { ok, problems } = await verifyEvidencePack("evidence/2026-11");
 * ```
 */
export async function verifyEvidencePack(dir: string): Promise<EvidenceVerification> {
  const problems: string[] = [];
  const packs: EvidenceVerification["packs"] = [];
  let path = resolve(dir);
  let expected: { packId: string; manifestSha256: string } | undefined;
  for (let depth = 0; depth < MAX_CHAIN_LENGTH; depth++) {
    const manifest = await checkPack(path, expected, problems);
    if (!manifest) break;
    packs.push({ packId: manifest.packId, path, files: manifest.files.length });
    if (!manifest.previous) return { ok: problems.length === 0, problems, packs };
    expected = manifest.previous;
    path = resolve(path, manifest.previous.path);
    if (depth === MAX_CHAIN_LENGTH - 1)
      problems.push(`the chain is longer than ${MAX_CHAIN_LENGTH} packs; checked that far`);
  }
  return { ok: problems.length === 0, problems, packs };
}

async function checkPack(
  dir: string,
  expected: { packId: string; manifestSha256: string } | undefined,
  problems: string[],
): Promise<EvidenceManifest | undefined> {
  const label = expected ? `previous pack ${expected.packId} (${dir})` : `pack ${dir}`;
  let text: string;
  try {
    text = await readFile(join(dir, "manifest.json"), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push(`${label}: manifest.json ${code === "ENOENT" ? "is missing" : `cannot be read (${code})`}`);
    return undefined;
  }
  if (expected) {
    const actual = createHash("sha256").update(text).digest("hex");
    if (actual !== expected.manifestSha256) {
      problems.push(
        `${label}: manifest.json changed (SHA-256 ${actual}, the next pack recorded ${expected.manifestSha256})`,
      );
    }
  }
  let manifest: EvidenceManifest;
  try {
    manifest = JSON.parse(text) as EvidenceManifest;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    problems.push(`${label}: manifest.json is not JSON`);
    return undefined;
  }
  if (manifest.format !== EVIDENCE_FORMAT || !Array.isArray(manifest.files)) {
    problems.push(`${label}: manifest.json is not an epm-audit-kit evidence manifest`);
    return undefined;
  }
  await checkFiles(dir, manifest, label, problems);
  return manifest;
}

async function checkFiles(
  dir: string,
  manifest: EvidenceManifest,
  label: string,
  problems: string[],
): Promise<void> {
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const file of manifest.files) {
    const path = resolve(dir, file.path);
    if (relative(dir, path).startsWith("..")) {
      problems.push(`${label}: ${file.path} points outside the pack`);
      continue;
    }
    const found = await sha256File(path).catch((error: NodeJS.ErrnoException) => error.code ?? "unreadable");
    if (typeof found === "string")
      problems.push(`${label}: ${file.path} is ${found === "ENOENT" ? "missing" : `unreadable (${found})`}`);
    else if (found.sha256 !== file.sha256 || found.bytes !== file.bytes) {
      problems.push(
        `${label}: ${file.path} changed (SHA-256 ${found.sha256}, ${found.bytes} bytes; the manifest says ${file.sha256}, ${file.bytes} bytes)`,
      );
    }
  }
  for (const path of await listFiles(dir)) {
    if (path !== "manifest.json" && !listed.has(path))
      problems.push(`${label}: ${path} is not in the manifest (added after the pack was made)`);
  }
}

async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(dir, path)));
    else out.push(path);
  }
  return out;
}
