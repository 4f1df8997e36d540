/** The format tag of a pack's manifest. */
export const EVIDENCE_FORMAT = "epm-audit-kit-evidence/1";

/**
 * One source of a pack's data: where it came from and which part of the window it covers.
 *
 * @example
 * ```ts
 * const source: EvidenceSource = { name: "events", origin: "https://audit.anaplan.com", requested: { from: "2026-03-01", to: "2026-03-31" }, covered: [{ from: "2026-03-01", to: "2026-03-31" }], rows: 1520 };
 * ```
 */
export interface EvidenceSource {
  /** e.g. `anaplan-events`, `epm-role-assignment-audit`. */
  name: string;
  /** The host the data came from, or `simulator (seed N)`. */
  origin: string;
  /** The API version, where known (`audit/api/1`, `interop v2`). */
  apiVersion?: string | undefined;
  /** The window asked for, inclusive UTC days. */
  requested: { from: string; to: string };
  /** The days the data covers, inclusive UTC day spans (empty when none). */
  covered: Array<{ from: string; to: string }>;
  /** Rows in the pack's data file of this source. */
  rows: number;
}

/**
 * One file of a pack, with its hash.
 *
 * @example
 * ```ts
 * const file: EvidenceFile = { path: "findings.csv", sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", bytes: 4096, reproducible: true };
 * ```
 */
export interface EvidenceFile {
  /** Path inside the pack, with `/`. */
  path: string;
  sha256: string;
  bytes: number;
  /** Whether rerunning with the same archive and parameters gives the same bytes (data files), or not (reports carry their generation time). */
  reproducible: boolean;
}

/**
 * `manifest.json` of an evidence pack.
 *
 * @example
 * ```ts
 * const manifest = JSON.parse(await readFile("pack/manifest.json", "utf8")) as EvidenceManifest;
 * console.log(manifest.packId, manifest.findings);
 * ```
 */
export interface EvidenceManifest {
  format: typeof EVIDENCE_FORMAT;
  /** A name for the pack, unique in its chain, e.g. `2026-11-01_2026-11-30`. */
  packId: string;
  kitVersion: string;
  /** When the pack was made (ISO, UTC). */
  createdAt: string;
  /** The review window, inclusive UTC days. */
  window: { from: string; to: string };
  sources: EvidenceSource[];
  /** SHA-256 of the rule set's canonical JSON. */
  rulesSha256: string;
  /** Findings per severity. */
  findings: Record<string, number>;
  files: EvidenceFile[];
  /** The pack before this one in the chain: its id, the SHA-256 of its manifest, and where it is relative to this pack. */
  previous: { packId: string; manifestSha256: string; path: string } | null;
}

/**
 * One link of the chain kept in the archive (`evidence-chain.json`).
 *
 * @example
 * ```ts
 * const entry: EvidenceChainEntry = { packId: "2026-03", manifestSha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", path: "packs/2026-03", createdAt: "2026-04-01T08:00:00.000Z" };
 * ```
 */
export interface EvidenceChainEntry {
  packId: string;
  manifestSha256: string;
  /** The pack's folder, absolute. */
  path: string;
  createdAt: string;
}
