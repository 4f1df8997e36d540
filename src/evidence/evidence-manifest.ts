/** The format tag of a pack's manifest. */
export const EVIDENCE_FORMAT = "epm-audit-kit-evidence/1";

/** One source of a pack's data: where it came from and which part of the window it covers. */
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

/** One file of a pack, with its hash. */
export interface EvidenceFile {
  /** Path inside the pack, with `/`. */
  path: string;
  sha256: string;
  bytes: number;
  /** Whether rerunning with the same archive and parameters gives the same bytes (data files), or not (reports carry their generation time). */
  reproducible: boolean;
}

/** `manifest.json` of an evidence pack. */
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

/** One link of the chain kept in the archive (`evidence-chain.json`). */
export interface EvidenceChainEntry {
  packId: string;
  manifestSha256: string;
  /** The pack's folder, absolute. */
  path: string;
  createdAt: string;
}
