import { escapeHtml } from "./escape-html.js";
import { KIT_STYLES } from "./kit-styles.js";

/**
 * Whole UTC days, both inclusive, as `YYYY-MM-DD`.
 *
 * @example
 * ```ts
 * const window: DayWindow = { from: "2026-03-01", to: "2026-03-31" };
 * ```
 */
export interface DayWindow {
  from: string;
  to: string;
}

/**
 * How completely one source answered: "complete" (every requested day), "partial" (some days),
 * "failed" (the fetch threw), "missing" (not configured or not in the archive), "pending" (not
 * read yet), "snapshot" (current state, read once: no window applies).
 *
 * @example
 * ```ts
 * const status: SourceStatus = "partial";
 * ```
 */
export type SourceStatus = "complete" | "partial" | "failed" | "missing" | "pending" | "snapshot";

/**
 * Where one source's data came from and which days of the requested window it covers.
 *
 * @example
 * ```ts
 * const source: SourceProvenance = { key: "events", label: "Anaplan events", host: "audit.anaplan.com", status: "complete", covered: { from: "2026-03-01", to: "2026-03-31" } };
 * ```
 */
export interface SourceProvenance {
  /** The key the run knows it by, e.g. "anaplanEvents", "userLogins". */
  key: string;
  /** What it is, in words: "Anaplan audit events", "Oracle EPM User Login report". */
  label: string;
  /** The host it came from ("audit.anaplan.com"), "simulator", or "archive <folder>". */
  host: string;
  /** See {@link SourceStatus}. */
  status: SourceStatus;
  /** The days covered; null when none (or for a snapshot). */
  covered: DayWindow | null;
  /** Days inside `covered` that hold no data (archive gaps). @default none */
  gaps?: DayWindow[] | undefined;
  /** Rows read. @default unknown */
  rows?: number | undefined;
  /** Why it is partial, failed or missing, in words. @default none */
  reason?: string | undefined;
}

/**
 * What a report's provenance block shows.
 *
 * @example
 * ```ts
 * const provenance: ProvenanceData = run.provenance();
 * console.log(provenance.requested, provenance.sources.length);
 * ```
 */
export interface ProvenanceData {
  /** The kit version that produced the report (package.json). */
  kitVersion: string;
  /** When the report was generated, ISO 8601 UTC. */
  generatedAt: string;
  /** The requested window. */
  requested: DayWindow;
  /** Each source read (or expected), in the order read. */
  sources: readonly SourceProvenance[];
}

const DAY_MS = 86_400_000;
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`);
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * A window as the reports write it: "2026-11-01 → 2026-11-30 (30 days, UTC)".
 *
 * @param window - whole UTC days, inclusive
 * @returns the text
 * @example
 * ```ts
 * describeDays({ from: "2026-11-01", to: "2026-11-30" }) //=> "2026-11-01 → 2026-11-30 (30 days, UTC)"
 * ```
 */
export function describeDays(window: DayWindow): string {
  const n = Math.round((dayMs(window.to) - dayMs(window.from)) / DAY_MS) + 1;
  return `${window.from} → ${window.to} (${n} day${n === 1 ? "" : "s"}, UTC)`;
}

/** The requested days outside `covered`: before it, and after it. */
function uncovered(requested: DayWindow, covered: DayWindow | null): DayWindow[] {
  if (!covered) return [requested];
  const out: DayWindow[] = [];
  if (covered.from > requested.from)
    out.push({ from: requested.from, to: dayOf(dayMs(covered.from) - DAY_MS) });
  if (covered.to < requested.to) out.push({ from: dayOf(dayMs(covered.to) + DAY_MS), to: requested.to });
  return out;
}

/**
 * The status a windowed source earns: complete when it covers every requested day without gaps,
 * else partial (or "missing" when it covers none).
 *
 * @param requested - the requested days
 * @param covered - the days the source covers, or null
 * @param gaps - days inside `covered` without data
 * @returns "complete", "partial" or "missing"
 * @example
 * ```ts
 * coverageStatus({ from: "2026-10-01", to: "2026-10-31" }, { from: "2026-10-07", to: "2026-10-31" }) //=> "partial"
 * ```
 */
export function coverageStatus(
  requested: DayWindow,
  covered: DayWindow | null,
  gaps: readonly DayWindow[] = [],
): "complete" | "partial" | "missing" {
  if (!covered) return "missing";
  return uncovered(requested, covered).length === 0 && gaps.length === 0 ? "complete" : "partial";
}

/**
 * One warning per gap: each source that covers less than the requested window (naming the
 * missing days), each archive gap, each source that failed, is missing or was not read.
 * Pure; empty when every source is complete.
 *
 * @param data - the provenance
 * @returns warning sentences
 * @example
 * ```ts
 * provenanceWarnings(data)
 * //=> ["Anaplan audit events cover only 2026-11-06 → 2026-11-30 of the requested window: 2026-11-01 → 2026-11-05 (5 days, UTC) are missing (Anaplan keeps audit events for 30 days). Results for those days are incomplete."]
 * ```
 */
export function provenanceWarnings(data: ProvenanceData): string[] {
  const out: string[] = [];
  for (const s of data.sources) {
    const why = s.reason ? ` (${s.reason})` : "";
    if (s.status === "failed")
      out.push(`${s.label} could not be read${why}: every result from it is missing.`);
    else if (s.status === "missing") out.push(`${s.label}: no data for the requested window${why}.`);
    else if (s.status === "pending") out.push(`${s.label} was not read.`);
    else if (s.status === "partial") {
      const missing = uncovered(data.requested, s.covered);
      if (missing.length > 0 && s.covered) {
        const days = missing.map(describeDays).join(" and ");
        out.push(
          `${s.label} cover only ${s.covered.from} → ${s.covered.to} of the requested window: ${days} ${missing.length === 1 ? "is" : "are"} missing${why}. Results for those days are incomplete.`,
        );
      } else if (missing.length === 0 && !s.gaps?.length) {
        out.push(`${s.label} is incomplete${why}.`);
      }
      for (const gap of s.gaps ?? []) {
        out.push(
          `${s.label} have a gap: ${describeDays(gap)} hold no data. Results for those days are incomplete.`,
        );
      }
    }
  }
  return out;
}

const STATUS_TEXT: Record<SourceStatus, string> = {
  complete: "complete",
  partial: "INCOMPLETE",
  failed: "FAILED",
  missing: "MISSING",
  pending: "not read",
  snapshot: "current state",
};

/**
 * The provenance block every report opens with: kit version, generation time (UTC), the
 * requested window, and per source its host (or "simulator"), the days it covers, rows and
 * status; then a visible warning for every gap ({@link provenanceWarnings}). Pure: data in,
 * HTML out (escaped).
 *
 * @param data - what to show
 * @returns an HTML fragment (`<div class="kit-provenance" data-kit-provenance>…`)
 * @example
 * ```ts
 * provenance({
 *   kitVersion: "0.1.0", generatedAt: "2026-12-01T06:00:00.000Z",
 *   requested: { from: "2026-11-01", to: "2026-11-30" },
 *   sources: [{ key: "anaplanEvents", label: "Anaplan audit events", host: "simulator", status: "complete",
 *     covered: { from: "2026-11-01", to: "2026-11-30" }, rows: 41_200 }],
 * })
 * //=> '<style>…</style><div class="kit-provenance" data-kit-provenance>…epm-audit-kit 0.1.0…simulator…</div>'
 * ```
 */
export function provenance(data: ProvenanceData): string {
  const e = escapeHtml;
  const rows = data.sources.map((s) => {
    const covered =
      s.status === "snapshot" ? "current state at generation" : s.covered ? describeDays(s.covered) : "—";
    const status = STATUS_TEXT[s.status];
    const cls = s.status === "complete" || s.status === "snapshot" ? "kit-ok" : "kit-bad";
    const count = s.rows === undefined ? "—" : s.rows.toLocaleString("en-US");
    return `<tr><td>${e(s.label)}</td><td class="kit-host">${e(s.host)}</td><td>${e(covered)}</td><td class="kit-num">${count}</td><td class="${cls}">${e(status)}</td></tr>`;
  });
  const warnings = provenanceWarnings(data).map(
    (w) => `<div class="kit-note kit-warn kit-gap" role="alert">⚠ ${e(w)}</div>`,
  );
  const table = rows.length
    ? `<table class="kit-table"><thead><tr><th>Source</th><th>Host</th><th>Covered</th><th>Rows</th><th>Status</th></tr></thead><tbody>${rows.join("")}</tbody></table>`
    : '<div class="kit-empty">No source read yet.</div>';
  return `${KIT_STYLES}<div class="kit-provenance kit-frame" data-kit-provenance><div class="kit-title">Provenance</div><div class="kit-meta">Generated <b>${e(data.generatedAt)}</b> (UTC) by epm-audit-kit <b>${e(data.kitVersion)}</b> · requested window <b>${e(describeDays(data.requested))}</b></div>${table}${warnings.join("")}</div>`;
}

/**
 * The provenance as plain text lines, for a terminal or a log.
 *
 * @param data - what to show
 * @returns text, one line per fact, source and warning
 * @example
 * ```ts
 * provenanceText(data)
 * //=> "Generated 2026-12-01T06:00:00.000Z (UTC) by epm-audit-kit 0.1.0; requested 2026-11-01 → 2026-11-30 (30 days, UTC)\n- Anaplan audit events from simulator: …"
 * ```
 */
export function provenanceText(data: ProvenanceData): string {
  const lines = [
    `Generated ${data.generatedAt} (UTC) by epm-audit-kit ${data.kitVersion}; requested ${describeDays(data.requested)}`,
  ];
  for (const s of data.sources) {
    const covered = s.covered ? describeDays(s.covered) : "—";
    lines.push(`- ${s.label} from ${s.host}: ${covered}, ${STATUS_TEXT[s.status]}`);
  }
  for (const w of provenanceWarnings(data)) lines.push(`WARNING: ${w}`);
  return lines.join("\n");
}

/**
 * The sentence an empty section shows instead of an empty table: what is absent, over which
 * days, and how complete the source behind it is, so "nothing found" is never confused with
 * "nothing read".
 *
 * @param what - what the section lists, plural ("failed sign-ins")
 * @param requested - the requested days
 * @param source - the source the section is computed from
 * @returns e.g. "No failed sign-ins in 2026-11-01 → 2026-11-30 (Anaplan audit events, complete)."
 * @example
 * ```ts
 * emptyMessage("failed sign-ins", { from: "2026-11-01", to: "2026-11-30" },
 *   { key: "anaplanEvents", label: "Anaplan audit events", host: "simulator", status: "complete", covered: null })
 * //=> "No failed sign-ins in 2026-11-01 → 2026-11-30 (Anaplan audit events, complete)."
 * ```
 */
export function emptyMessage(
  what: string,
  requested: DayWindow,
  source: SourceProvenance | undefined,
): string {
  const window = `${requested.from} → ${requested.to}`;
  if (!source) return `No ${what} in ${window}.`;
  if (source.status === "complete" || source.status === "snapshot") {
    return `No ${what} in ${window} (${source.label}, ${source.status === "complete" ? "complete" : "current state"}).`;
  }
  if (source.status === "partial" && source.covered) {
    return `No ${what} in ${source.covered.from} → ${source.covered.to}, the part of ${window} that ${source.label} cover (INCOMPLETE: the other days were not read).`;
  }
  return `No ${what} shown: ${source.label} ${source.status === "failed" ? "could not be read" : "holds no data for this window"} (${STATUS_TEXT[source.status]}).`;
}
