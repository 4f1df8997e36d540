import { createHash } from "node:crypto";
import pl from "nodejs-polars";

/**
 * Where a scheduled SIEM export stopped: the latest event time sent and the ids sent in the
 * overlap before it (late events arrive up to the sync's overlap after their time), and the
 * findings already sent (a finding that changes, e.g. gains evidence, is a new record).
 *
 * @example
 * ```ts
 * const cursor: SiemCursor = { version: 1, findings: { sent: [] } };
 * ```
 */
export interface SiemCursor {
  version: 1;
  /** The latest event time sent (epoch ms) and the events sent in the overlap before it, as [id, epoch ms]. */
  events?: { lastAt: number; recent: Array<[string, number]> } | undefined;
  /** Keys of the findings sent (oldest first). */
  findings?: { sent: string[] } | undefined;
}

/**
 * How far back already-sent event ids are remembered: the sync's 2-hour overlap for late events.
 *
 * @example
 * ```ts
 * SIEM_OVERLAP_MS //=> 2 * 3_600_000
 * ```
 */
export const SIEM_OVERLAP_MS = 2 * 3_600_000;
/**
 * Finding keys remembered at most (the oldest are forgotten first).
 *
 * @example
 * ```ts
 * MAX_REMEMBERED_FINDINGS //=> 100_000
 * ```
 */
export const MAX_REMEMBERED_FINDINGS = 100_000;

/**
 * The events not sent yet, oldest first, and the cursor after sending them. An event is new when
 * it is later than the overlap before the last one sent and its id was not sent.
 *
 * @param events - events (any order; `id` and `eventDate` are read)
 * @param cursor - the cursor of the last run. @default nothing sent yet
 * @returns the new events (sorted by eventDate, then id) and the next cursor
 * @example
 * ```ts
 * const { fresh, next } = newEvents(events, cursor);
 * ```
 */
export function newEvents(
  events: pl.DataFrame,
  cursor: SiemCursor = { version: 1 },
): { fresh: pl.DataFrame; next: SiemCursor } {
  const at = pl.col("eventDate").cast(pl.Datetime("ms", "UTC")).cast(pl.Int64);
  const sent = new Map(cursor.events?.recent ?? []);
  let fresh = events.sort(["eventDate", "id"]);
  if (cursor.events) {
    fresh = fresh.filter(
      at.gt(pl.lit(cursor.events.lastAt - SIEM_OVERLAP_MS)).and(
        pl
          .col("id")
          .isIn([...sent.keys()])
          .not(),
      ),
    );
  }
  if (fresh.height === 0) return { fresh, next: cursor };
  const rows = fresh.select(pl.col("id").cast(pl.Utf8), at.alias("at")).toRecords();
  for (const r of rows) sent.set(String(r.id), Number(r.at));
  let lastAt = Number.NEGATIVE_INFINITY;
  for (const t of sent.values()) if (t > lastAt) lastAt = t;
  const recent = [...sent]
    .filter(([, t]) => t > lastAt - SIEM_OVERLAP_MS)
    .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1));
  return { fresh, next: { ...cursor, events: { lastAt, recent } } };
}

/**
 * The findings not sent yet and the cursor after sending them. A finding's identity is its rule,
 * person, system, first and last seen and evidence count.
 *
 * @param found - a findings frame
 * @param cursor - the cursor of the last run. @default nothing sent yet
 * @returns the new findings and the next cursor
 * @example
 * ```ts
 * const { fresh, next } = newFindings(result.findings, cursor);
 * ```
 */
export function newFindings(
  found: pl.DataFrame,
  cursor: SiemCursor = { version: 1 },
): { fresh: pl.DataFrame; next: SiemCursor } {
  const sent = new Set(cursor.findings?.sent ?? []);
  const keys = (found.toRecords() as Record<string, unknown>[]).map(findingKey);
  const mask = keys.map((k) => !sent.has(k));
  const fresh = found.filter(pl.Series("fresh", mask, pl.Bool));
  if (fresh.height === 0) return { fresh, next: cursor };
  const all = [...sent, ...keys.filter((_, i) => mask[i])];
  return { fresh, next: { ...cursor, findings: { sent: all.slice(-MAX_REMEMBERED_FINDINGS) } } };
}

function findingKey(r: Record<string, unknown>): string {
  const time = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v ?? ""));
  const text = [r.ruleId, r.person, r.system, time(r.firstSeen), time(r.lastSeen), r.count]
    .map(String)
    .join("\u0000");
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}
