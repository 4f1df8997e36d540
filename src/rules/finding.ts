import pl from "nodejs-polars";
import type { Severity } from "./rule.js";

/**
 * One finding before it becomes a frame row: a person, a rule, and the rows that show it.
 *
 * @example
 * ```ts
 * const finding: Finding = { ruleId: "self-grant", severity: "high", person: "ana@example.com", system: "epm", firstSeen: Date.parse("2026-03-02"), lastSeen: Date.parse("2026-03-02"), summary: "Granted own role", evidence: [] };
 * ```
 */
export interface Finding {
  ruleId: string;
  severity: Severity;
  /** The person key: a lower-cased e-mail or login (or the raw user id when nothing better is known). */
  person: string;
  /** `anaplan`, `epm`, or `anaplan+epm` for rules across both systems. */
  system: string;
  /** Epoch ms of the first and last evidence row (null when the evidence has no time, e.g. held rights). */
  firstSeen: number | null;
  lastSeen: number | null;
  /** One line for the reader. */
  summary: string;
  /** The evidence rows, as plain objects (dates as ISO text). */
  evidence: Record<string, unknown>[];
}

/**
 * The columns of `findings()`: ruleId, severity, person, system, firstSeen and lastSeen
 * (Datetime UTC, null for held rights), count (evidence rows), summary, evidence (JSON text of
 * the rows). An empty result has these columns and no rows.
 *
 * @example
 * ```ts
 * Object.keys(FINDINGS_SCHEMA) //=> ["ruleId", "severity", "person", "system", "firstSeen", "lastSeen", "count", "summary", "evidence"]
 * ```
 */
export const FINDINGS_SCHEMA = Object.freeze({
  ruleId: pl.Utf8,
  severity: pl.Utf8,
  person: pl.Utf8,
  system: pl.Utf8,
  firstSeen: pl.Datetime("ms", "UTC"),
  lastSeen: pl.Datetime("ms", "UTC"),
  count: pl.UInt32,
  summary: pl.Utf8,
  evidence: pl.Utf8,
});

const RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/**
 * Turns findings into the findings frame, most severe first, then by rule, person and time.
 *
 * @param findings - the findings of every rule
 * @returns the frame ({@link FINDINGS_SCHEMA})
 * @example
 * ```ts
 * findingsFrame([]).height //=> 0
 * ```
 */
export function findingsFrame(findings: readonly Finding[]): pl.DataFrame {
  const sorted = [...findings].sort(
    (a, b) =>
      RANK[a.severity] - RANK[b.severity] ||
      compare(a.ruleId, b.ruleId) ||
      compare(a.person, b.person) ||
      (a.firstSeen ?? 0) - (b.firstSeen ?? 0),
  );
  const text = (name: string, pick: (f: Finding) => string) => pl.Series(name, sorted.map(pick), pl.Utf8);
  const time = (name: string, pick: (f: Finding) => number | null) =>
    pl.Series(name, sorted.map(pick), pl.Int64).cast(pl.Datetime("ms", "UTC"));
  return pl.DataFrame([
    text("ruleId", (f) => f.ruleId),
    text("severity", (f) => f.severity),
    text("person", (f) => f.person),
    text("system", (f) => f.system),
    time("firstSeen", (f) => f.firstSeen),
    time("lastSeen", (f) => f.lastSeen),
    pl.Series(
      "count",
      sorted.map((f) => f.evidence.length),
      pl.UInt32,
    ),
    text("summary", (f) => f.summary),
    text("evidence", (f) => JSON.stringify(f.evidence)),
  ]);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Groups evidence rows into one finding per person: first and last seen from `timeKey`.
 *
 * @param rows - evidence rows with a `person` and an epoch-ms time
 * @param make - the rule's fields and a summary for one person's rows
 * @returns one finding per person
 * @example
 * ```ts
 * perPerson(rows, "at", (person, group) => ({ ruleId: "self-grant", severity: "critical", system: "anaplan", summary: `${group.length} changes` }))
 * ```
 */
export function perPerson(
  rows: readonly Record<string, unknown>[],
  timeKey: string,
  make: (
    person: string,
    rows: Record<string, unknown>[],
  ) => Omit<Finding, "person" | "firstSeen" | "lastSeen" | "evidence">,
): Finding[] {
  const groups = new Map<string, Record<string, unknown>[]>();
  for (const row of rows) {
    const person = String(row.person ?? "");
    groups.set(person, [...(groups.get(person) ?? []), row]);
  }
  return [...groups].map(([person, group]) => {
    const times = group.map((r) => Number(r[timeKey])).filter(Number.isFinite);
    return {
      ...make(person, group),
      person,
      firstSeen: times.length ? Math.min(...times) : null,
      lastSeen: times.length ? Math.max(...times) : null,
      evidence: group.map((row) => withIsoTime(row, timeKey)),
    };
  });
}

function withIsoTime(row: Record<string, unknown>, timeKey: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    if (key === "person") continue;
    out[key] =
      key === timeKey && typeof value === "number"
        ? new Date(value).toISOString()
        : value instanceof Date
          ? value.toISOString()
          : value;
  }
  return out;
}
